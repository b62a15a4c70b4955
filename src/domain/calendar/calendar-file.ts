import { z } from 'zod';
import { isLocalDate, type LocalDate } from './local-date.js';
import type { CalendarDay, Vacation } from './types.js';

/**
 * What the county admin may change in the calendar, validated before anything is stored: the
 * `calendar add-holiday | add-workday | remove` commands, school vacations per year, and the
 * sending window. Messages are in Chinese because the admin reads them at the command line.
 */

export class CalendarInputError extends Error {
  override name = 'CalendarInputError';
}

const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** Why `s` is not a calendar date, or undefined when it is one. */
export function calendarDateProblem(s: string): string | undefined {
  if (!DATE_SHAPE.test(s)) return `日期格式应为 YYYY-MM-DD(例如 2026-10-08),收到「${s}」`;
  if (!isLocalDate(s)) return `日期不存在:${s}`;
  return undefined;
}

/** `YYYY-MM-DD` only (no 2026-2-3, no 2026/02/03), and a real day (no 02-30); throws in Chinese. */
export function parseCalendarDate(s: string): LocalDate {
  const problem = calendarDateProblem(s);
  if (problem) throw new CalendarInputError(problem);
  return s;
}

export const calendarDateSchema = z.string().superRefine((s, ctx) => {
  const problem = calendarDateProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const dayName = z.string().trim().min(1, { message: '名称不能为空' }).max(20, { message: '名称最多 20 个字' });

export const calendarChangeSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('add-holiday'), date: calendarDateSchema, name: dayName.default('临时放假') }),
  z.object({ op: z.literal('add-workday'), date: calendarDateSchema, name: dayName.default('调休上班') }),
  /** Drops whatever entry the date has, official or not, so it follows the Monday–Friday rule again. */
  z.object({ op: z.literal('remove'), date: calendarDateSchema }),
]);
export type CalendarChange = z.output<typeof calendarChangeSchema>;

const USAGE = '用法:calendar add-holiday 日期 [名称] | calendar add-workday 日期 | calendar remove 日期';

/** The CLI's words, e.g. `['add-holiday', '2026-11-20', '县运动会']`, as a validated change. */
export function parseCalendarCommand(args: readonly string[]): CalendarChange {
  const [op, date, ...rest] = args;
  if (op !== 'add-holiday' && op !== 'add-workday' && op !== 'remove') throw new CalendarInputError(`未知的操作「${op ?? ''}」。${USAGE}`);
  if (date === undefined) throw new CalendarInputError(`缺少日期。${USAGE}`);
  if (op !== 'add-holiday' && rest.length > 0) throw new CalendarInputError(`${op} 只需要一个日期。${USAGE}`);
  const parsed = calendarChangeSchema.safeParse({ op, date, ...(rest.length > 0 ? { name: rest.join(' ') } : {}) });
  if (!parsed.success) throw new CalendarInputError(parsed.error.issues.map((i) => i.message).join(';'));
  return parsed.data;
}

/** Official days with the admin's changes applied in order; the result feeds SchoolCalendar. */
export function applyCalendarChanges(official: readonly CalendarDay[], changes: readonly CalendarChange[]): CalendarDay[] {
  const days = new Map(official.map((d) => [d.date, d] as const));
  for (const c of changes) {
    if (c.op === 'remove') days.delete(c.date);
    else days.set(c.date, { date: c.date, kind: c.op === 'add-holiday' ? 'holiday' : 'workday', name: c.name });
  }
  return [...days.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}

export const vacationSchema = z
  .object({ name: dayName, start: calendarDateSchema, end: calendarDateSchema })
  .refine((v) => v.start <= v.end, { message: '假期结束日期不能早于开始日期', path: ['end'] });

/** Keyed by the year a vacation starts in: `{ "2026": [{ "name": "寒假", "start": …, "end": … }] }`. */
export const vacationsByYearSchema = z
  .record(z.string().regex(/^20\d\d$/, { message: '年份应为四位数字,如 2026' }), z.array(vacationSchema).max(6))
  .superRefine((byYear, ctx) => {
    for (const [year, list] of Object.entries(byYear)) {
      list.forEach((v, i) => {
        if (!v.start.startsWith(`${year}-`)) ctx.addIssue({ code: 'custom', path: [year, i, 'start'], message: `应在 ${year} 年内开始` });
        const other = list.findIndex((o, j) => j < i && o.start <= v.end && v.start <= o.end);
        if (other >= 0) ctx.addIssue({ code: 'custom', path: [year, i], message: `与第 ${other + 1} 个假期重叠` });
      });
    }
  });

export function flattenVacations(byYear: z.output<typeof vacationsByYearSchema>): Vacation[] {
  return Object.values(byYear)
    .flat()
    .sort((a, b) => (a.start < b.start ? -1 : 1));
}

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: '时间格式应为 HH:mm,如 08:00' });

export const sendingWindowSchema = z.object({
  periods: z
    .array(z.object({ from: clockTime, to: clockTime }).refine((p) => p.from < p.to, { message: '结束时间须晚于开始时间', path: ['to'] }))
    .min(1, { message: '至少需要一个发送时段' })
    .max(6)
    .superRefine((periods, ctx) => {
      periods.forEach((p, i) => {
        const previous = periods[i - 1];
        if (previous && p.from < previous.to) ctx.addIssue({ code: 'custom', path: [i, 'from'], message: '时段须按时间先后排列且不重叠' });
      });
    }),
});

/** The admin's calendar file: changes to the official days, vacations, and optionally the window. */
export const calendarFileSchema = z.object({
  changes: z.array(calendarChangeSchema).default([]),
  vacations: vacationsByYearSchema.default({}),
  window: sendingWindowSchema.optional(),
});
export type CalendarFile = z.output<typeof calendarFileSchema>;

/** One line per problem, `vacations.2026[0].end: …`, so the admin can find the bad value. */
export function describeCalendarFileIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}
