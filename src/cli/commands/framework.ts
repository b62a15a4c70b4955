import { parseArgs } from 'node:util';
import { systemClock } from '../../clock.js';
import { loadActiveFramework, type Framework } from '../../db/queries/frameworks.js';
import { loadFramework } from '../../domain/framework/load-framework.js';
import { totalPoints } from '../../model/framework-definition.js';
import { cliTexts } from '../../texts/cli-texts.js';
import { frameworkTexts } from '../../texts/framework-texts.js';
import type { CliCommand, CliContext } from '../cli-command.js';
import { readFrameworkFile } from '../read-framework-file.js';

/** The bureau's indicator framework (指标体系): `load` puts a file's version in force, `show` prints the one in force. */
export const frameworkCommand: CliCommand = {
  name: 'framework',
  usage: frameworkTexts.usage,
  summary: frameworkTexts.summary,
  help: frameworkTexts.help,
  async run(args, ctx) {
    const [verb, ...rest] = args;
    if (verb === 'load' && rest.length === 1) return load(rest[0]!, ctx);
    if (verb === 'show') {
      const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' } } });
      return show(ctx, { json: values.json === true });
    }
    ctx.err(cliTexts.usage(frameworkTexts.usage));
    return 2;
  },
};

async function load(file: string, ctx: CliContext): Promise<number> {
  const read = await readFrameworkFile(file);
  if (!read.ok) {
    ctx.err(read.message);
    for (const p of read.problems) ctx.err(`  ${p}`);
    return 1;
  }
  const f = read.framework;
  const result = await loadFramework((await ctx.database()).db, f, systemClock.now());
  if (result.status === 'version-taken') {
    ctx.err(frameworkTexts.versionTaken(f.version));
    return 1;
  }
  if (result.status === 'already-loaded') ctx.out(frameworkTexts.alreadyLoaded(f.version, result.wasActive));
  else ctx.out(frameworkTexts.loaded(f.version, f.items.length, f.items.flatMap((i) => i.subItems).length, totalPoints(f.items)));
  return 0;
}

async function show(ctx: CliContext, options: { json: boolean }): Promise<number> {
  const framework = await loadActiveFramework((await ctx.database()).db);
  if (!framework) {
    ctx.err(frameworkTexts.noFramework);
    return 1;
  }
  ctx.out(options.json ? JSON.stringify(frameworkAsJson(framework), null, 2) : frameworkAsTable(framework));
  return 0;
}

/** The documented shape of `show --json` (frameworkTexts.help): keep the two in step. */
export function frameworkAsJson(framework: Framework) {
  return {
    items: framework.items.map((item) => ({
      name: item.name,
      points: item.points,
      subItems: item.subItems.map((s) => ({ code: s.code, name: s.name, points: s.points, scoring: s.scoring })),
    })),
  };
}

function frameworkAsTable(framework: Framework): string {
  const lines = [frameworkTexts.header({ ...framework, points: totalPoints(framework.items) }), '', frameworkTexts.columns];
  for (const item of framework.items) {
    lines.push(frameworkTexts.item(item.position, item.name, item.points));
    for (const s of item.subItems) lines.push(frameworkTexts.subItem(s));
  }
  return lines.join('\n');
}
