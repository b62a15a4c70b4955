import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { yearToAssess } from '../../domain/scoring/scoring-span.js';
import { writeAssessmentWorkbook } from '../../domain/scoring/write-assessment-workbook.js';
import { localParts } from '../../domain/time/zoned-time.js';
import { isDomainError } from '../../errors.js';
import { assessmentCliTexts as t, cliTexts, exportTexts } from '../../texts/cli-texts.js';
import type { CliCommand } from '../cli-command.js';

/** `assessment [YEAR] --out FILE`: the chat's 考核 workbook, written to a file; a failed write leaves no half file. */
export const assessmentCommand: CliCommand = {
  name: 'assessment',
  usage: 'assessment [YEAR] --out FILE',
  summary: t.summary,
  help: t.help,
  async run(args, ctx) {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' } } });
    if (positionals.length > 1) {
      ctx.err(cliTexts.usage(this.usage));
      return 2;
    }
    if (!values.out) {
      ctx.err(t.needsOut);
      return 2;
    }
    const today = localParts(new Date(), ctx.config.timezone);
    const asked = positionals[0];
    if (asked !== undefined && !/^\d{4}$/.test(asked)) {
      ctx.err(t.badYear(asked));
      return 2;
    }
    const year = asked !== undefined ? Number(asked) : yearToAssess(today);
    if (year > today.year) {
      ctx.err(t.notBegun(year));
      return 2;
    }
    const database = await ctx.database();
    const file = createWriteStream(values.out);
    try {
      const written = await writeAssessmentWorkbook(database.db, { year, timezone: ctx.config.timezone }, file);
      ctx.err(exportTexts.xlsxWritten(values.out, written.rows));
      return 0;
    } catch (error) {
      file.destroy();
      await rm(values.out, { force: true });
      if (!isDomainError(error)) throw error;
      ctx.err(error.userMessage);
      return 2;
    }
  },
};
