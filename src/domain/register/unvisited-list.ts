import type { Db } from '../../db/database.js';
import type { Person } from '../../db/queries/people.js';
import { listUnvisitedAtRisk } from '../../db/queries/students.js';
import { DomainError } from '../../errors.js';
import { studentTexts } from '../../texts/student-texts.js';
import { localDate } from '../time/zoned-time.js';
import { audit, type AuditOrigin } from './audit.js';

export type UnvisitedList = { month: string; students: Awaited<ReturnType<typeof listUnvisitedAtRisk>> };

/**
 * The principal's follow-up list, 1:1: their school's at-risk students with no visit this month,
 * most urgent first, by name (the summary only counts them). Each child listed is a read, audited.
 */
export async function unvisitedThisMonth(db: Db, now: Date, o: { person: Person; timezone: string; origin: AuditOrigin }): Promise<UnvisitedList> {
  const { person } = o;
  if (person.role !== 'principal' || person.schoolId === null) throw new DomainError('not_your_student', studentTexts.listOnlyPrincipals);
  const month = localDate(now, o.timezone).slice(0, 7);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const until = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  const students = await listUnvisitedAtRisk(db, person.schoolId, { from: `${month}-01`, until });
  await audit(db, now, person, o.origin, students.map((s) => ({ action: 'read_student' as const, studentId: s.id, detail: `本月未家访名单 ${month}` })));
  return { month, students };
}
