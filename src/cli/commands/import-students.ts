import { parseArgs } from 'node:util';
import { systemClock } from '../../clock.js';
import { importStudents } from '../../domain/students/import-students.js';
import { studentsFromRecords, type StudentSheet } from '../../domain/students/student-row.js';
import { studentImportTexts as t } from '../../texts/student-import-texts.js';
import type { CliCommand } from '../cli-command.js';
import { readTableFile } from '../read-table-file.js';

export const importStudentsCommand: CliCommand = {
  name: 'import-students',
  usage: t.usage,
  summary: t.summary,
  async run(args, ctx) {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { prune: { type: 'boolean' } } });
    const file = positionals[0];
    if (!file) {
      ctx.err(t.usageLine(this.usage));
      return 2;
    }
    const table = await readTableFile(file);
    if (table.kind === 'refused') {
      ctx.err(t.refused(file, table.message));
      return 1;
    }
    const sheet: StudentSheet = table.kind === 'malformed' ? { rows: [], problems: [table.problem] } : studentsFromRecords(table.records);
    const database = await ctx.database();
    const outcome = await importStudents(database.db, systemClock.now(), sheet, { prune: values.prune ?? false });
    if (!outcome.ok) {
      ctx.err(t.nothingImported(file, outcome.problems.length));
      for (const p of outcome.problems) ctx.err(t.problemLine(p.line, p.reason));
      return 1;
    }
    ctx.out(t.imported(outcome.report));
    return 0;
  },
};
