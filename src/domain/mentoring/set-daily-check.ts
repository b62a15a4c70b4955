import type { Db } from '../../db/database.js';
import { findSchoolsNamed, saveDailyCheckSetting } from '../../db/queries/daily-checks.js';
import { findSchool, type Person } from '../../db/queries/people.js';
import { DomainError } from '../../errors.js';
import { mentoringTexts as t } from '../../texts/mentoring-texts.js';
import type { SchoolCalendar } from '../calendar/school-calendar.js';

const HHMM = /^([01]?\d|2[0-3])[:：]([0-5]\d)$/;

/** `16:00`, `9:30` or `16：00` as `HH:mm`; undefined when it is not a time of day. */
export function readClockTime(said: string): string | undefined {
  const m = HHMM.exec(said.trim());
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : undefined;
}

/** Whether a local time of day falls inside one of the window's periods (`to` excluded). */
export function isTimeInWindow(calendar: Pick<SchoolCalendar, 'window'>, hhmm: string): boolean {
  return calendar.window.periods.some((p) => p.from <= hhmm && hhmm < p.to);
}

export type DailyCheckSetting = { schoolId: number; schoolName: string; on: boolean; at: string };

/**
 * 每天一问 开|关 for a school: a principal sets their own school, an admin names one. A new time
 * must fall inside the sending window, so the card never goes out when teachers are off.
 */
export async function setDailyCheck(
  db: Db,
  now: Date,
  o: { person: Person; on: boolean; at?: string | undefined; schoolName?: string | undefined; calendar: Pick<SchoolCalendar, 'window'> },
): Promise<DailyCheckSetting> {
  const school = await schoolFor(db, o.person, o.schoolName);
  if (o.at !== undefined && !isTimeInWindow(o.calendar, o.at)) {
    const window = o.calendar.window.periods.map((p) => `${p.from}–${p.to}`).join('、');
    throw new DomainError('outside_window', t.timeOutsideWindow(o.at, window));
  }
  const saved = await saveDailyCheckSetting(db, { schoolId: school.id, dailyCheck: o.on, ...(o.at ? { dailyCheckAt: o.at } : {}), updatedAt: now });
  return { schoolId: school.id, schoolName: school.name, on: o.on, at: saved.dailyCheckAt };
}

async function schoolFor(db: Db, person: Person, named: string | undefined): Promise<{ id: number; name: string }> {
  if (person.role === 'principal') {
    const own = person.schoolId === null ? undefined : await findSchool(db, person.schoolId);
    if (!own || (named !== undefined && named !== own.name)) throw new DomainError('not_your_school', t.settingOnlyOwnSchool);
    return own;
  }
  if (named === undefined) throw new DomainError('missing_field', t.settingNeedsSchool);
  const found = await findSchoolsNamed(db, named);
  if (found.length === 0) throw new DomainError('unknown_place', t.unknownSchool(named));
  if (found.length > 1) throw new DomainError('ambiguous_school', t.ambiguousSchool(named, found.map((s) => s.town).join('、')));
  return found[0]!;
}
