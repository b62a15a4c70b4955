import { addDays, dateParts, weekdayOf, type LocalDate } from '../calendar/local-date.js';
import type { SchoolCalendar } from '../calendar/school-calendar.js';
import { zonedInstant } from '../time/zoned-time.js';

/** When 控辍保学's scheduled messages go: 09:00 local on a workday, inside the sending window. */
export const DROPOUT_MESSAGE_TIME = { hour: 9, minute: 0 } as const;

const nineOn = (calendar: SchoolCalendar, date: LocalDate): Date => zonedInstant(calendar.timezone, { ...dateParts(date)!, ...DROPOUT_MESSAGE_TIME });

/** Whether a scheduled dropout message may go at `now`: a workday, at or after 09:00, in the window. */
export function mayRunAt(calendar: SchoolCalendar, now: Date): boolean {
  const today = calendar.dateOf(now);
  return calendar.isWorkday(today) && now >= nineOn(calendar, today) && calendar.isInSendingWindow(now);
}

/**
 * This week's reminder moment: 09:00 on the week's first workday (Monday, or later after a
 * holiday), and the Monday that names the week. Undefined when the week has no workday yet.
 */
export function weeklyReminderMoment(calendar: SchoolCalendar, now: Date): { week: LocalDate; at: Date } | undefined {
  const today = calendar.dateOf(now);
  const monday = addDays(today, -((weekdayOf(today) + 6) % 7));
  for (let d = monday; d <= today; d = addDays(d, 1)) if (calendar.isWorkday(d)) return { week: monday, at: nineOn(calendar, d) };
  return undefined;
}

/** The bureau's daily summary covers [previous workday 09:00, today 09:00). */
export function dailySummaryWindow(calendar: SchoolCalendar, now: Date): { day: LocalDate; from: Date; until: Date } {
  const today = calendar.dateOf(now);
  return { day: today, from: nineOn(calendar, calendar.previousWorkday(today)), until: nineOn(calendar, today) };
}

/** Whole local days from the day a case opened to today (0 on the day). */
export function daysOpen(calendar: SchoolCalendar, openedAt: Date, now: Date): number {
  const a = dateParts(calendar.dateOf(openedAt))!;
  const b = dateParts(calendar.dateOf(now))!;
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}
