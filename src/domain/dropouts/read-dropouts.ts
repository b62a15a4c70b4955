import type { Db } from '../../db/database.js';
import { findActivePeople, listOpenCases, listPersuasionAttempts, lockLastClosedCase, lockOpenCase, type DropoutCase, type PersuasionAttempt } from '../../db/queries/dropout-cases.js';
import type { Person } from '../../db/queries/people.js';
import type { StudentWithSchool } from '../../db/queries/students.js';
import type { DropoutState } from '../../db/schema/children-followup.js';
import { DomainError } from '../../errors.js';
import { dropoutTexts as t } from '../../texts/dropout-texts.js';
import type { SchoolCalendar } from '../calendar/school-calendar.js';
import { maskStudentName } from '../students/mask-name.js';
import { auditDropout, isStaffOf, type DropoutOrigin } from './dropout-audit.js';
import { daysOpen } from './dropout-schedule.js';
import { allowedNextStates } from './dropout-transitions.js';

export type DropoutCaseReading = {
  student: StudentWithSchool;
  case: DropoutCase;
  responsibleName: string;
  days: number;
  attempts: (PersuasionAttempt & { byName: string })[];
  /** The moves the card offers as buttons (those that need no words: not 已转学 nor 已豁免). */
  buttons: DropoutState[];
};

/** A child's open (or else last) case, 1:1, for the school's staff and the bureau; audited as a read. */
export async function readDropoutCase(
  db: Db,
  now: Date,
  o: { person: Pick<Person, 'id' | 'role' | 'schoolId'>; student: StudentWithSchool; calendar: SchoolCalendar; origin: DropoutOrigin },
): Promise<DropoutCaseReading | undefined> {
  const { person, student } = o;
  if (!isStaffOf(person, student.schoolId) && person.role !== 'bureau') throw new DomainError('not_your_student', t.onlySchoolStaff);
  const found = (await lockOpenCase(db, student.id)) ?? (await lockLastClosedCase(db, student.id));
  if (!found) return undefined;
  const [responsible] = await findActivePeople(db, [found.responsibleId]);
  const attempts = await listPersuasionAttempts(db, found.id, 10);
  await auditDropout(db, now, person, o.origin, [{ action: 'read_student', studentId: student.id, detail: '查看辍学案例' }]);
  return {
    student,
    case: found,
    responsibleName: responsible?.name ?? '—',
    days: daysOpen(o.calendar, found.openedAt, found.closedAt ?? now),
    attempts,
    buttons: allowedNextStates(found.state).filter((s) => s !== 'transferred' && s !== 'exempted'),
  };
}

export type DropoutListRow = { school: string; name: string; full: boolean; className: string; state: DropoutState; days: number; lastAttempt: string | null };

/**
 * `辍学` alone, 1:1: the open cases a person may list. Full names for the bureau (county) and a
 * principal (own school); an admin sees the county masked. Each full name shown is an audited read.
 */
export async function listOpenDropouts(
  db: Db,
  now: Date,
  o: { person: Pick<Person, 'id' | 'role' | 'schoolId'>; calendar: SchoolCalendar; origin: DropoutOrigin },
): Promise<DropoutListRow[] | undefined> {
  const { person } = o;
  if (person.role === 'teacher') return undefined;
  const rows = await listOpenCases(db, person.role === 'principal' ? { schoolId: person.schoolId! } : {});
  const full = person.role === 'bureau' || person.role === 'principal';
  if (full && rows.length > 0) {
    await auditDropout(db, now, person, o.origin, rows.map((r) => ({ action: 'read_student' as const, studentId: r.studentId, detail: '辍学名单' })));
  }
  return rows.map((r) => ({
    school: r.schoolName,
    name: full ? r.studentName : maskStudentName(r.studentName),
    full,
    className: r.className,
    state: r.state,
    days: daysOpen(o.calendar, r.openedAt, now),
    lastAttempt: r.lastAttempt,
  }));
}

/** In a group: how many cases are open (in one school, or the county), by state, and nothing about any child. */
export async function countOpenDropouts(db: Db, o: { schoolId: number | null }): Promise<{ open: number; byState: Partial<Record<DropoutState, number>> }> {
  const rows = await listOpenCases(db, o.schoolId === null ? {} : { schoolId: o.schoolId });
  const byState: Partial<Record<DropoutState, number>> = {};
  for (const r of rows) byState[r.state] = (byState[r.state] ?? 0) + 1;
  return { open: rows.length, byState };
}
