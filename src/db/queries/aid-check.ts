import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { schoolIn, type SchoolScope } from './school-scope.js';
import { aidFollowups, homeVisits, schools, students } from '../schema/index.js';

export type AidFollowup = typeof aidFollowups.$inferSelect;
export type AidCoverage = { aided: number; checked: number; mismatches: number };

/**
 * 精准资助大排查 per school: students still at school who receive aid (students.aid not empty), how
 * many of them had a visit between two local dates (`until` excluded) recording both the aid's
 * status and the eligibility, and how many had one recording a mismatch. One aggregate query;
 * `scope` narrows it (the summary's place, or the principal's own school).
 */
export async function aidCoverageBySchool(
  db: Db,
  window: { from: string; until: string },
  scope: SchoolScope = {},
): Promise<Map<number, AidCoverage>> {
  const schoolCondition = schoolIn(db, students.schoolId, scope);
  // Each student's visits in the window folded once (a grouped join), not probed per student:
  // at a province's 100,000 aided students two EXISTS per row took over a second. With a place,
  // only its children's visits are folded.
  const checks = db
    .select({
      studentId: homeVisits.studentId,
      both: sql<boolean>`bool_or(${homeVisits.aidStatus} is not null and ${homeVisits.eligibility} is not null)`.as('both'),
      mismatch: sql<boolean>`bool_or(${homeVisits.aidStatus} in ('partial', 'none') or ${homeVisits.eligibility} in ('ineligible', 'unverified'))`.as('mismatch'),
    })
    .from(homeVisits)
    .where(
      and(
        sql`${homeVisits.visitedOn} >= ${window.from}`,
        sql`${homeVisits.visitedOn} < ${window.until}`,
        sql`(${homeVisits.aidStatus} is not null or ${homeVisits.eligibility} is not null)`,
        schoolCondition ? inArray(homeVisits.studentId, db.select({ id: students.id }).from(students).where(schoolCondition)) : undefined,
      ),
    )
    .groupBy(homeVisits.studentId)
    .as('checks');
  const rows = await db
    .select({
      schoolId: students.schoolId,
      aided: sql<number>`count(*)`.mapWith(Number),
      checked: sql<number>`count(*) filter (where ${checks.both})`.mapWith(Number),
      mismatches: sql<number>`count(*) filter (where ${checks.mismatch})`.mapWith(Number),
    })
    .from(students)
    .leftJoin(checks, eq(checks.studentId, students.id))
    .where(and(isNull(students.leftAt), sql`cardinality(${students.aid}) > 0`, schoolCondition))
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
export async function listSchoolsWithAided(db: Db): Promise<{ schoolId: number; chatId: string | null; botRemovedAt: Date | null; aided: number }[]> {
  return db
    .select({ schoolId: schools.id, chatId: schools.chatId, botRemovedAt: schools.botRemovedAt, aided: sql<number>`count(*)`.mapWith(Number) })
    .from(students)
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .where(and(isNull(students.leftAt), sql`cardinality(${students.aid}) > 0`))
    .groupBy(schools.id, schools.chatId, schools.botRemovedAt)
    .orderBy(asc(schools.id));
}
