import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { aidFollowups, homeVisits, schools, students } from '../schema/index.js';

export type AidFollowup = typeof aidFollowups.$inferSelect;
export type AidCoverage = { aided: number; checked: number; mismatches: number };

// A visit in the window (local dates, `until` excluded) of the student in the outer query.
const visitIn = (w: { from: string; until: string }, also: ReturnType<typeof sql>) =>
  sql`exists (select 1 from ${homeVisits} v where v.student_id = ${students.id} and v.visited_on >= ${w.from} and v.visited_on < ${w.until} and ${also})`;
const RECORDS_BOTH = sql`v.aid_status is not null and v.eligibility is not null`;
const RECORDS_MISMATCH = sql`(v.aid_status in ('partial', 'none') or v.eligibility in ('ineligible', 'unverified'))`;

/**
 * 精准资助大排查 per school: students still at school who receive aid (students.aid not empty), how
 * many of them had a visit between two local dates (`until` excluded) recording both the aid's
 * status and the eligibility, and how many had one recording a mismatch. One aggregate query.
 */
export async function aidCoverageBySchool(db: Db, window: { from: string; until: string }): Promise<Map<number, AidCoverage>> {
  return countAidCoverage(db, window, null);
}

/** The same numbers, for one school (the principal's view) or all (null). */
export async function countAidCoverage(db: Db, window: { from: string; until: string }, schoolId: number | null): Promise<Map<number, AidCoverage>> {
  const rows = await db
    .select({
      schoolId: students.schoolId,
      aided: sql<number>`count(*)`.mapWith(Number),
      checked: sql<number>`count(*) filter (where ${visitIn(window, RECORDS_BOTH)})`.mapWith(Number),
      mismatches: sql<number>`count(*) filter (where ${visitIn(window, RECORDS_MISMATCH)})`.mapWith(Number),
    })
    .from(students)
    .where(and(isNull(students.leftAt), sql`cardinality(${students.aid}) > 0`, schoolId === null ? undefined : eq(students.schoolId, schoolId)))
    .groupBy(students.schoolId);
  return new Map(rows.map(({ schoolId: id, ...numbers }) => [id, numbers]));
}

export async function findOpenAidFollowup(db: Db, studentId: number): Promise<AidFollowup | undefined> {
  const [row] = await db
    .select()
    .from(aidFollowups)
    .where(and(eq(aidFollowups.studentId, studentId), isNull(aidFollowups.closedAt)))
    .limit(1);
  return row;
}

export async function insertAidFollowup(db: Db, row: { studentId: number; visitId: number; openedAt: Date }): Promise<AidFollowup> {
  const [inserted] = await db.insert(aidFollowups).values(row).returning();
  return inserted!;
}

/** Closes the student's open follow-ups with the principal's note; how many it closed. */
export async function closeAidFollowups(db: Db, studentId: number, close: { closedAt: Date; closedById: number; note: string }): Promise<number> {
  const closed = await db
    .update(aidFollowups)
    .set(close)
    .where(and(eq(aidFollowups.studentId, studentId), isNull(aidFollowups.closedAt)))
    .returning({ id: aidFollowups.id });
  return closed.length;
}

/** A school's open follow-ups, oldest first, with what the visit found. */
export async function listOpenAidFollowups(db: Db, schoolId: number) {
  return db
    .select({
      id: aidFollowups.id,
      studentId: students.id,
      name: students.name,
      className: students.className,
      openedAt: aidFollowups.openedAt,
      visitedOn: homeVisits.visitedOn,
      aidStatus: homeVisits.aidStatus,
      eligibility: homeVisits.eligibility,
    })
    .from(aidFollowups)
    .innerJoin(students, eq(students.id, aidFollowups.studentId))
    .innerJoin(homeVisits, eq(homeVisits.id, aidFollowups.visitId))
    .where(and(eq(students.schoolId, schoolId), isNull(aidFollowups.closedAt)))
    .orderBy(asc(aidFollowups.openedAt), asc(aidFollowups.id))
    .limit(200);
}

/** Schools with students still at school who receive aid: their chat and how many such students. */
export async function listSchoolsWithAided(db: Db): Promise<{ schoolId: number; chatId: string; aided: number }[]> {
  return db
    .select({ schoolId: schools.id, chatId: schools.chatId, aided: sql<number>`count(*)`.mapWith(Number) })
    .from(students)
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .where(and(isNull(students.leftAt), sql`cardinality(${students.aid}) > 0`))
    .groupBy(schools.id, schools.chatId)
    .orderBy(asc(schools.id));
}
