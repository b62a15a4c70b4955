import type { ScoringSpan } from '../../db/queries/scoring-data.js';
import { DomainError } from '../../errors.js';
import { scoringTexts as t } from '../../texts/scoring-texts.js';
import { dayWindowOf, monthsOfLabel } from '../summary/summary-periods.js';
import { zonedInstant } from '../time/zoned-time.js';

/** A period the bureau scores: a month (`2026-12`), a quarter (`2026-Q4`), a half (`2026-H2`) or a year (`2026`). */
export type ScoringPeriod = { label: string; months: string[]; span: ScoringSpan };

const startOfDay = (day: string, timezone: string) => {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return zonedInstant(timezone, { year, month, day: date, hour: 0, minute: 0 });
};

/** The months and local days of a label; a term's name or a malformed label is refused. */
export function scoringPeriod(label: string, timezone: string): ScoringPeriod {
  const months = monthsOfLabel(label);
  const window = dayWindowOf(label);
  const realMonths = months?.every((m) => Number(m.slice(5)) >= 1 && Number(m.slice(5)) <= 12);
  if (!months || !window || !realMonths) throw new DomainError('invalid_field', t.badPeriod(label));
  return {
    label,
    months,
    span: { from: window.from, until: window.until, start: startOfDay(window.from, timezone), end: startOfDay(window.until, timezone), months: months.length },
  };
}

/** A label as people read it: 2026年12月, 2026年第四季度, 2026年下半年, 2026年. */
export function periodWords(label: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(label);
  if (quarter) return `${quarter[1]}年第${'一二三四'[Number(quarter[2]) - 1]}季度`;
  const half = /^(\d{4})-H([12])$/.exec(label);
  if (half) return `${half[1]}年${half[2] === '1' ? '上' : '下'}半年`;
  const month = /^(\d{4})-(\d{2})$/.exec(label);
  if (month) return `${month[1]}年${Number(month[2])}月`;
  return `${label}年`;
}

/** The last quarter that has ended by a local month: 2026-Q4 in January 2027, 2026-Q3 in December 2026. */
export function lastEndedQuarter(today: { year: number; month: number }): string {
  const quarter = Math.floor((today.month - 1) / 3) + 1;
  return quarter === 1 ? `${today.year - 1}-Q4` : `${today.year}-Q${quarter - 1}`;
}

/**
 * The year the bureau means by 考核 or 排名 without one: the year of the last ended quarter, the
 * same for both so the card and the file agree. A year's assessment is drawn up from late December into the
 * next spring (Spring Festival falls in between), and until a quarter of the new year has ended it
 * has too little scored to assess: January to March it is the year just ended, then this year to date.
 */
export const yearToAssess = (today: { year: number; month: number }) => Number(lastEndedQuarter(today).slice(0, 4));
