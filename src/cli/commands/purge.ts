import { parseArgs } from 'node:util';
import { systemClock } from '../../clock.js';
import { purgeRecords } from '../../domain/register/purge-records.js';
import { purgeTexts as t } from '../../texts/audit-texts.js';
import type { CliCommand } from '../cli-command.js';

export const purgeCommand: CliCommand = {
  name: 'purge',
  usage: t.usage,
  summary: t.summary,
  help: t.help,
  async run(args, ctx) {
    const { values } = parseArgs({ args, options: { before: { type: 'string' }, 'dry-run': { type: 'boolean' } } });
    if (values.before === undefined) {
      ctx.err(t.usageLine(t.usage));
      return 2;
    }
    const database = await ctx.database();
    const before = values.before;
    const outcome = await purgeRecords(database.db, systemClock.now(), { before, timeZone: ctx.config.timezone, dryRun: values['dry-run'] ?? false });
    if (!outcome.ok) {
      ctx.err(`${outcome.problem === 'bad_date' ? t.badBefore(before) : t.futureBefore(before, outcome.today)}\n${t.usageLine(t.usage)}`);
      return 2;
    }
    ctx.out(outcome.dryRun ? t.dryRun(before, outcome.counts) : t.purged(before, outcome.counts));
    return 0;
  },
};
