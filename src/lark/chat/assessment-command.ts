import { yearToAssess } from '../../domain/scoring/scoring-span.js';
import { writeAssessmentWorkbook } from '../../domain/scoring/write-assessment-workbook.js';
import { localParts } from '../../domain/time/zoned-time.js';
import { assessmentTexts as t } from '../../texts/assessment-texts.js';
import { escapeText } from '../cards/escape-markdown.js';
import type { Command } from './command.js';
import { sendFilePrivately } from './send-file-privately.js';

/** `2026`, `2026年`, `2026年度`. */
const YEAR_ARG = /^(\d{4})\s*(?:年度?)?$/;
const RELATIVE_YEARS: Record<string, number> = { 今年: 0, 本年: 0, 本年度: 0, 去年: -1, 上年: -1, 上一年: -1 };

/** The year asked for, `null` when none was named, `undefined` when the words are not a year. */
export function parseAssessmentYear(args: string, today: { year: number }): number | null | undefined {
  const words = args.trim();
  if (words === '') return null;
  const year = YEAR_ARG.exec(words);
  if (year) return Number(year[1]);
  const relative = RELATIVE_YEARS[words];
  return relative === undefined ? undefined : today.year + relative;
}

/**
 * `考核 [年份]`, 1:1 only: the year's result per school as an .xlsx, queued as a file message to
 * the asker. Asked in any group, the answer goes 1:1 and the group reads nothing.
 */
export const assessmentCommand: Command = {
  name: '考核',
  aliases: ['assessment'],
  usage: t.usage,
  summary: t.commandSummary,
  roles: ['bureau', 'admin'],
  refusals: { teacher: t.teacherRefusal, principal: t.principalRefusal },
  // A principal's written report may start with 考核 (「考核工作总结…」) and must stay a report.
  needsBoundary: true,
  async run(ctx) {
    if (ctx.inGroup) return { text: t.askPrivately, privately: true };
    const today = localParts(ctx.now, ctx.timezone);
    const asked = parseAssessmentYear(ctx.args, today);
    if (asked === undefined) return { text: t.badArgs };
    const year = asked ?? yearToAssess(today);
    if (year > today.year) return { text: t.notBegun(year) };
    const written = await sendFilePrivately(ctx, 'assessment', (sink) => writeAssessmentWorkbook(ctx.db, { year, timezone: ctx.timezone }, sink));
    const notes = [...(year === today.year ? [t.toDate(year)] : []), ...(asked === null && year < today.year ? [t.lastYearMeant(today.year)] : [])];
    return { text: [t.queued(escapeText(written.fileName), year, written.schools), ...notes].join('\n') };
  },
};
