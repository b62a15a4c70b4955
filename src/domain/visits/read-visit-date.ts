import { DomainError } from '../../errors.js';
import { visitTexts } from '../../texts/visit-texts.js';
import { addDays, dateParts, type LocalDate } from '../calendar/local-date.js';
import { parseChineseNumber } from '../text/chinese-number.js';

const RELATIVE_DAYS: Readonly<Record<string, number>> = { 今天: 0, 今日: 0, 昨天: -1, 昨日: -1, 前天: -2, 大前天: -3 };

// 2026-12-03, 2026/12/3, 2026.12.3, 2026年12月3日.
const FULL_DATE = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?$/;
// 12.3, 12/3, 12-3, 12月3日, 十二月三号: the year is left to the reader.
const MONTH_DAY = /^(\d{1,2})[-/.](\d{1,2})$|^([\d一二三四五六七八九十]{1,3})月([\d一二三四五六七八九十廿]{1,3})[日号]?$/;

const pad = (n: number) => String(n).padStart(2, '0');
const dateOf = (year: number, month: number, day: number): LocalDate | undefined => {
  const date = `${year}-${pad(month)}-${pad(day)}`;
  return dateParts(date) ? date : undefined;
};

/**
 * The day a visit was made, from what the teacher wrote after 日期 (`today` when nothing was).
 * A month and day without a year is the latest such day not after today, since a visit is filed
 * after it happened. A day still to come, or more than a year back, is refused.
 */
export function readVisitDate(written: string, today: LocalDate): LocalDate {
  const now = dateParts(today);
  if (!now) throw new Error(`today is not a date (YYYY-MM-DD): ${today}`);
  const compact = written.replace(/[\s。]+/g, '');
  if (compact === '') return today;
  const date = dateFrom(compact, today, now.year);
  if (!date) throw new DomainError('invalid_field', visitTexts.unreadableDate(written));
  if (date > today) throw new DomainError('invalid_field', visitTexts.futureDate(date));
  // The same day a year before (28 February when today is the 29th).
  const earliest = dateOf(now.year - 1, now.month, now.day) ?? `${now.year - 1}-02-28`;
  if (date < earliest) throw new DomainError('invalid_field', visitTexts.tooOld(date, earliest));
  return date;
}

function dateFrom(compact: string, today: LocalDate, year: number): LocalDate | undefined {
  const relative = RELATIVE_DAYS[compact];
  if (relative !== undefined) return addDays(today, relative);
  const full = FULL_DATE.exec(compact);
  if (full) return dateOf(Number(full[1]), Number(full[2]), Number(full[3]));
  const monthDay = MONTH_DAY.exec(compact);
  if (!monthDay) return undefined;
  const month = parseChineseNumber(monthDay[1] ?? monthDay[3]!);
  const day = parseChineseNumber(monthDay[2] ?? monthDay[4]!);
  if (month === null || day === null) return undefined;
  const thisYear = dateOf(year, month, day);
  return thisYear !== undefined && thisYear <= today ? thisYear : dateOf(year - 1, month, day);
}
