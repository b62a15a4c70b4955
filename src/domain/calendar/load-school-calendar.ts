import type { Db } from '../../db/database.js';
import { listCalendarOverrides, listSchoolPeriods } from '../../db/queries/calendar.js';
import type { Term } from './types.js';
import { applyCalendarChanges, type CalendarChange } from './calendar-file.js';
import { OFFICIAL_CALENDAR_DAYS } from './official-holidays.js';
import { SchoolCalendar } from './school-calendar.js';

export type CalendarContext = { calendar: SchoolCalendar; terms: Term[] };

/** The official holidays with the admin's changes, the school vacations and terms, as stored. */
export async function loadSchoolCalendar(db: Db, timezone: string): Promise<CalendarContext> {
  const [overrides, periods] = await Promise.all([listCalendarOverrides(db), listSchoolPeriods(db)]);
  const changes: CalendarChange[] = overrides.map((o) =>
    o.kind === 'none' ? { op: 'remove', date: o.date } : { op: o.kind === 'holiday' ? 'add-holiday' : 'add-workday', date: o.date, name: o.name },
  );
  const calendar = new SchoolCalendar({
    timezone,
    holidays: applyCalendarChanges(OFFICIAL_CALENDAR_DAYS, changes),
    vacations: periods.filter((p) => p.kind === 'vacation').map((p) => ({ name: p.name, start: p.startsOn, end: p.endsOn })),
  });
  const terms = periods.filter((p) => p.kind === 'term').map((p) => ({ name: p.name, start: p.startsOn }));
  return { calendar, terms };
}
