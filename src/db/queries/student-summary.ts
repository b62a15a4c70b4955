import { and, eq, gte, isNull, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../database.js';
import { isNarrowed, schoolIn, type SchoolScope } from './school-scope.js';
import { alertChanges, homeVisits, students, studentCategories, type StudentCategory } from '../schema/index.js';

/** A school's children in numbers only: nothing here can name a child. */
export type ChildCounts = {
  /** Students on the register (not left) with any category. */
  listed: number;
  /** Per category; a student with two categories counts in both. */
  byCategory: Record<StudentCategory, number>;
  /** Visits in the window, by how they were made. */
  visits: { home: number; phone: number; video: number };
  /** Students raised to 预警 in the window (once each, however often). */
  newAlerts: number;
  /** Students at 预警 and at 关注 now. */
  alert: number;
  watch: number;
  /** At-risk students (any category, or not 正常) with no visit in the window. */
  unvisited: number;
  /** 控辍保学: dropout cases open now (the county's goal is zero). */
  dropouts: number;
  /** 每天一问 in the window: checks due, answered, and answered 需关注. */
  daily: { due: number; done: number; concerns: number };
  /** 精准资助大排查 in the term: aided students, those checked (aid and eligibility recorded), those with a mismatch. */
  aid: { aided: number; checked: number; mismatches: number };
};

/** Which schools, as the summary's tally takes them. */
export type ChildScope = SchoolScope;

/** Local dates, `from` inclusive and `until` exclusive (`YYYY-MM-DD`). */
export type DayWindow = { from: string; until: string };

export const emptyChildCounts = (): ChildCounts => ({
  listed: 0,
  byCategory: Object.fromEntries(studentCategories.map((c) => [c, 0])) as Record<StudentCategory, number>,
  visits: { home: 0, phone: 0, video: 0 },
  newAlerts: 0,
  alert: 0,
  watch: 0,
  unvisited: 0,
  dropouts: 0,
  daily: { due: 0, done: 0, concerns: 0 },
  aid: { aided: 0, checked: 0, mismatches: 0 },
});

const inScope = (db: Db, scope: ChildScope): SQL | undefined => schoolIn(db, students.schoolId, scope);

const counted = (condition: SQL) => sql<number>`count(*) filter (where ${condition})`.mapWith(Number);

/**
 * Per school with any students or visits: the register's counts and the window's visits, in two
 * grouped statements over every selected school (never a statement per school). Visits count
 * whoever they were for, even a student who has since left: the visit was made that month.
 */
export async function tallyChildrenBySchool(db: Db, input: ChildScope & { window: DayWindow; timezone: string }): Promise<Map<number, ChildCounts>> {
  const { window } = input;
  // The students visited in the window, once, joined (an anti-join) rather than probed per student:
  // at a province's 180,000 students a correlated EXISTS per row was most of the card's time.
  const inWindow = and(gte(homeVisits.visitedOn, window.from), lt(homeVisits.visitedOn, window.until));
  const scoped = isNarrowed(input);
  // Narrowed to the scope's students only when there is a scope: joining every visit to its student
  // for the whole county (or province) would cost more than it saves.
  const visitedQuery = db.selectDistinct({ studentId: homeVisits.studentId }).from(homeVisits);
  const visited = (
    scoped ? visitedQuery.innerJoin(students, eq(students.id, homeVisits.studentId)).where(and(inWindow, inScope(db, input))) : visitedQuery.where(inWindow)
  )
    .as('visited');
  const hasCategory = sql`cardinality(${students.categories}) > 0`;
  const categoryCounts: Record<string, SQL<number>> = {};
  studentCategories.forEach((c, i) => {
    categoryCounts[`c${i}`] = counted(sql`${c}::text = any(${students.categories})`);
  });
  // The window's local days as instants, for the alert register's timestamps.
  const startOf = (day: string) => sql`(${day}::date::timestamp at time zone ${input.timezone})`;
  const [register, visits, raised] = await Promise.all([
    db
      .select({
        schoolId: students.schoolId,
        listed: counted(hasCategory),
        alert: counted(sql`${students.alertLevel} = 'alert'`),
        watch: counted(sql`${students.alertLevel} = 'watch'`),
        unvisited: counted(sql`(${hasCategory} or ${students.alertLevel} <> 'normal') and ${visited.studentId} is null`),
        ...categoryCounts,
      })
      .from(students)
      .leftJoin(visited, eq(visited.studentId, students.id))
      .where(and(isNull(students.leftAt), inScope(db, input)))
      .groupBy(students.schoolId),
    db
      .select({
        schoolId: students.schoolId,
        home: counted(sql`${homeVisits.mode} = 'home'`),
        phone: counted(sql`${homeVisits.mode} = 'phone'`),
        video: counted(sql`${homeVisits.mode} = 'video'`),
      })
      .from(homeVisits)
      .innerJoin(students, eq(students.id, homeVisits.studentId))
      .where(and(gte(homeVisits.visitedOn, window.from), lt(homeVisits.visitedOn, window.until), inScope(db, input)))
      .groupBy(students.schoolId),
    db
      .select({ schoolId: students.schoolId, n: sql<number>`count(distinct ${alertChanges.studentId})`.mapWith(Number) })
      .from(alertChanges)
      .innerJoin(students, eq(students.id, alertChanges.studentId))
      .where(
        and(
          eq(alertChanges.toLevel, 'alert'),
          ne(alertChanges.fromLevel, 'alert'),
          gte(alertChanges.at, startOf(window.from)),
          lt(alertChanges.at, startOf(window.until)),
          inScope(db, input),
        ),
      )
      .groupBy(students.schoolId),
  ]);
  const bySchool = new Map<number, ChildCounts>();
  const of = (schoolId: number) => bySchool.get(schoolId) ?? bySchool.set(schoolId, emptyChildCounts()).get(schoolId)!;
  for (const row of register) {
    const counts = of(row.schoolId);
    const r = row as typeof row & Record<string, number>;
    Object.assign(counts, { listed: r.listed, alert: r.alert, watch: r.watch, unvisited: r.unvisited });
    studentCategories.forEach((c, i) => {
      counts.byCategory[c] = r[`c${i}`] ?? 0;
    });
  }
  for (const row of visits) of(row.schoolId).visits = { home: row.home, phone: row.phone, video: row.video };
  for (const row of raised) of(row.schoolId).newAlerts = row.n;
  return bySchool;
}
