import { parseArgs } from 'node:util';
import { importRoster } from '../../domain/roster/import-roster.js';
import { isDomainError } from '../../errors.js';
import { systemClock } from '../../clock.js';
import { rosterImportTexts as t } from '../../texts/roster-import-texts.js';
import type { CliCommand } from '../cli-command.js';
import { readRosterFile } from '../read-roster-file.js';

export const importRosterCommand: CliCommand = {
  name: 'import-roster',
  usage: t.usage,
  summary: t.summary,
  async run(args, ctx) {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { prune: { type: 'boolean' } } });
    const file = positionals[0];
    if (!file) {
      ctx.err(t.usageLine(this.usage));
      return 2;
    }
    const read = await readRosterFile(file);
    if (!read.ok) {
      ctx.err(t.refused(file, read.message));
      return 1;
    }
    const parsed = read.roster;
    if (!parsed.ok) {
      ctx.err(t.nothingImported(file, parsed.problems.length));
      for (const p of parsed.problems) ctx.err(t.problemLine(p.line, p.reason));
      return 1;
    }
    const database = await ctx.database();
    try {
      const r = await importRoster(database.db, systemClock.now(), parsed.rows, { prune: values.prune ?? false });
      ctx.out(t.imported({ rows: parsed.rows.length, ...r }));
      return 0;
    } catch (error) {
      if (!isDomainError(error)) throw error;
      ctx.err(t.refused(file, error.userMessage));
      return 1;
    }
  },
};
