import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { importRoster } from '../../domain/roster/import-roster.js';
import { parseRosterCsv } from '../../domain/roster/parse-roster-csv.js';
import { isDomainError } from '../../errors.js';
import { systemClock } from '../../clock.js';
import type { CliCommand } from '../cli-command.js';

export const importRosterCommand: CliCommand = {
  name: 'import-roster',
  usage: 'import-roster FILE.csv [--prune]',
  summary: 'import towns, schools and people (header town,school,name,role,open_id,chat_id[,education_group]); --prune deactivates people missing from the file',
  async run(args, ctx) {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { prune: { type: 'boolean' } } });
    const file = positionals[0];
    if (!file) {
      ctx.err(`usage: ${this.usage}`);
      return 2;
    }
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      ctx.err(`cannot read ${file}: ${(error as Error).message}`);
      return 1;
    }
    const parsed = parseRosterCsv(text);
    if (!parsed.ok) {
      ctx.err(`${file}: nothing imported, ${parsed.problems.length} problem(s):`);
      for (const p of parsed.problems) ctx.err(`  line ${p.line}: ${p.reason}`);
      return 1;
    }
    const database = await ctx.database();
    try {
      const r = await importRoster(database.db, systemClock.now(), parsed.rows, { prune: values.prune ?? false });
      ctx.out(
        `imported ${parsed.rows.length} rows: ${r.towns} towns, ${r.schools} schools; people ${r.created} created, ` +
          `${r.updated} updated, ${r.unchanged} unchanged, ${r.deactivated} deactivated`,
      );
      return 0;
    } catch (error) {
      if (!isDomainError(error)) throw error;
      ctx.err(`${file}: nothing imported: ${error.userMessage}`);
      return 1;
    }
  },
};
