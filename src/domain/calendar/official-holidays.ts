import { addDays } from './local-date.js';
import type { CalendarDay } from './types.js';

/**
 * Public holidays and make-up workdays (调休上班) from the State Council's yearly notices
 * (国务院办公厅关于 YYYY 年部分节假日安排的通知). Written as ranges, as the notices are, and
 * expanded to one entry per date, so a reader can check each line against the notice.
 */

type Arrangement = { name: string; off: [string, string]; work?: string[] };

export const OFFICIAL_SOURCES: Record<number, string> = {
  2025: 'https://m.gmw.cn/2024-11/12/content_1303894933.htm',
  2026: 'https://politics.gmw.cn/2025-11/04/content_38391083.htm',
};

const Y2025: Arrangement[] = [
  { name: '元旦', off: ['2025-01-01', '2025-01-01'] },
  { name: '春节', off: ['2025-01-28', '2025-02-04'], work: ['2025-01-26', '2025-02-08'] },
  { name: '清明节', off: ['2025-04-04', '2025-04-06'] },
  { name: '劳动节', off: ['2025-05-01', '2025-05-05'], work: ['2025-04-27'] },
  { name: '端午节', off: ['2025-05-31', '2025-06-02'] },
  { name: '国庆节、中秋节', off: ['2025-10-01', '2025-10-08'], work: ['2025-09-28', '2025-10-11'] },
];

const Y2026: Arrangement[] = [
  { name: '元旦', off: ['2026-01-01', '2026-01-03'], work: ['2026-01-04'] },
  { name: '春节', off: ['2026-02-15', '2026-02-23'], work: ['2026-02-14', '2026-02-28'] },
  { name: '清明节', off: ['2026-04-04', '2026-04-06'] },
  { name: '劳动节', off: ['2026-05-01', '2026-05-05'], work: ['2026-05-09'] },
  { name: '端午节', off: ['2026-06-19', '2026-06-21'] },
  { name: '中秋节', off: ['2026-09-25', '2026-09-27'] },
  { name: '国庆节', off: ['2026-10-01', '2026-10-07'], work: ['2026-09-20', '2026-10-10'] },
];

/**
 * PROVISIONAL. The 2027 notice was not found (it usually appears in November of the year before),
 * so this is derived from the statutory days (2025 rules: 元旦 1, 春节 4 = 除夕 to 初三, 清明 1,
 * 劳动 2, 端午 1, 中秋 1, 国庆 3) and the lunar dates: 除夕 02-05, 春节 02-06, 清明 04-05,
 * 端午 06-09, 中秋 09-15. (That new moon is at 23:56 Beijing time on 02-06; Node's ICU Chinese
 * calendar puts 正月初一 on 02-07, a day late, so do not re-derive these dates with Intl.)
 * It follows the 2025/2026 pattern: breaks of 9 (春节), 5 (劳动) and 7 (国庆) days, make-up days
 * on the weekend next to the break, and a mid-week holiday (端午 and 中秋 are Wednesdays) kept
 * as one day without make-up, as 元旦 2025 was. Every entry carries `provisional: true`; the
 * admin corrects it with `calendar add-holiday`, `add-workday` and `remove` until the notice is out.
 */
const Y2027_PROVISIONAL: Arrangement[] = [
  { name: '元旦', off: ['2027-01-01', '2027-01-03'] },
  { name: '春节', off: ['2027-02-05', '2027-02-13'], work: ['2027-02-14', '2027-02-20'] },
  { name: '清明节', off: ['2027-04-03', '2027-04-05'] },
  { name: '劳动节', off: ['2027-05-01', '2027-05-05'], work: ['2027-05-08'] },
  { name: '端午节', off: ['2027-06-09', '2027-06-09'] },
  { name: '中秋节', off: ['2027-09-15', '2027-09-15'] },
  { name: '国庆节', off: ['2027-10-01', '2027-10-07'], work: ['2027-09-26', '2027-10-09'] },
];

function expand(arrangements: Arrangement[], provisional: boolean): CalendarDay[] {
  const days: CalendarDay[] = [];
  const mark = provisional ? { provisional: true as const } : {};
  for (const a of arrangements) {
    for (let d = a.off[0]; d <= a.off[1]; d = addDays(d, 1)) days.push({ date: d, kind: 'holiday', name: a.name, ...mark });
    for (const d of a.work ?? []) days.push({ date: d, kind: 'workday', name: a.name, ...mark });
  }
  return days.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

/** Every official entry for 2025–2027, sorted by date; 2027's are marked provisional. */
export const OFFICIAL_CALENDAR_DAYS: readonly CalendarDay[] = Object.freeze([
  ...expand(Y2025, false),
  ...expand(Y2026, false),
  ...expand(Y2027_PROVISIONAL, true),
]);

export const OFFICIAL_YEARS: readonly number[] = [2025, 2026, 2027];
