import { and, count, eq, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { alertChanges, homeVisits, students } from '../schema/index.js';

/** Where retention draws its line: a local day for visit dates, and the instant that day starts for the rest. */
export type PurgeCutoff = { date: string; instant: Date };

export type PurgeCounts = { visits: number; alertChanges: number; students: number };

/** What anonymises a student's row; the number keeps the (school, number) key unique. */
export const PURGED_NAME = '已删除';
const purgedStudentNo = () => sql`concat(${PURGED_NAME}::text, '-', ${students.id})`;

// The three conditions are shared by the dry run and the purge, so both count the same rows.
const leftBefore = (db: Db, c: PurgeCutoff) => db.select({ id: students.id }).from(students).where(lt(students.leftAt, c.instant));

const visitsToPurge = (db: Db, c: PurgeCutoff) =>
  and(isNull(homeVisits.purgedAt), or(lt(homeVisits.visitedOn, c.date), inArray(homeVisits.studentId, leftBefore(db, c))));

/** An open alert's reasons stay: whoever follows the child still needs them. */
const alertChangesToPurge = (db: Db, c: PurgeCutoff) =>
  and(
    isNull(alertChanges.purgedAt),
    or(
      and(lt(alertChanges.at, c.instant), inArray(alertChanges.studentId, db.select({ id: students.id }).from(students).where(eq(students.alertLevel, 'normal')))),
      inArray(alertChanges.studentId, leftBefore(db, c)),
    ),
  );

const studentsToAnonymise = (c: PurgeCutoff) => and(lt(students.leftAt, c.instant), ne(students.studentNo, purgedStudentNo()));

export async function countPurgeable(db: Db, c: PurgeCutoff): Promise<PurgeCounts> {
  const [[v], [a], [s]] = await Promise.all([
    db.select({ n: count() }).from(homeVisits).where(visitsToPurge(db, c)),
    db.select({ n: count() }).from(alertChanges).where(alertChangesToPurge(db, c)),
    db.select({ n: count() }).from(students).where(studentsToAnonymise(c)),
  ]);
  return { visits: v?.n ?? 0, alertChanges: a?.n ?? 0, students: s?.n ?? 0 };
}

/**
 * Empties the sensitive text and keeps the rows (dates, modes, risks, ids), so past counts still
 * add up; a left student's row keeps its school, class and categories but loses name, number and mentor.
 */
export async function purgeBefore(db: Db, c: PurgeCutoff, now: Date): Promise<PurgeCounts> {
  const visits = await db
    .update(homeVisits)
    .set({ findings: null, measures: null, purgedAt: now })
    .where(visitsToPurge(db, c))
    .returning({ id: homeVisits.id });
  const changes = await db
    .update(alertChanges)
    .set({ reason: null, purgedAt: now })
    .where(alertChangesToPurge(db, c))
    .returning({ id: alertChanges.id });
  const anonymised = await db
    .update(students)
    .set({ name: PURGED_NAME, studentNo: purgedStudentNo(), mentorId: null, updatedAt: now })
    .where(studentsToAnonymise(c))
    .returning({ id: students.id });
  return { visits: visits.length, alertChanges: changes.length, students: anonymised.length };
}
