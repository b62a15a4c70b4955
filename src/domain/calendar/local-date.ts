/**
 * Civil dates as `YYYY-MM-DD` strings. A holiday is a date, not an instant: 2026-10-01 is a
 * holiday wherever the calendar's zone is, so date arithmetic here runs on UTC midnights and never
 * touches a time zone (zoned-time.ts turns a date plus a wall time into an instant).
 */

export type LocalDate = string;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export const WEEKDAY_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

/** Year, month and day of a well-formed date, or undefined (2026-02-30 is not a date). */
export function dateParts(date: string): { year: number; month: number; day: number } | undefined {
  const m = DATE.exec(date);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 02-30 over to 03-02; a real date survives the round trip unchanged.
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return { year, month, day };
}

export const isLocalDate = (s: string): boolean => dateParts(s) !== undefined;

function mustParse(date: LocalDate): { year: number; month: number; day: number } {
  const p = dateParts(date);
  if (!p) throw new Error(`not a date (YYYY-MM-DD): ${date}`);
  return p;
}

function fromUtcMs(ms: number): LocalDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const p = mustParse(date);
  return fromUtcMs(Date.UTC(p.year, p.month - 1, p.day) + days * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday, like Date#getDay. */
export function weekdayOf(date: LocalDate): number {
  const p = mustParse(date);
  return new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
}

export const isWeekend = (date: LocalDate): boolean => {
  const w = weekdayOf(date);
  return w === 0 || w === 6;
};
