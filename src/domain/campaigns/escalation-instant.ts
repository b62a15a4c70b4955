import { addDays } from '../calendar/local-date.js';
import type { SchoolCalendar } from '../calendar/school-calendar.js';
import { parseClockTime, zonedInstant } from '../time/zoned-time.js';

/** 09:00 on the Nth workday after the deadline's date: when an incomplete school becomes 落后. */
export function escalationInstant(dueAt: Date, afterWorkdays: number, calendar: SchoolCalendar): Date {
  let date = calendar.dateOf(dueAt);
  for (let n = 0; n < afterWorkdays; ) {
    date = addDays(date, 1);
    if (calendar.isWorkday(date)) n++;
  }
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return zonedInstant(calendar.timezone, { year, month, day, ...parseClockTime('09:00') });
}
