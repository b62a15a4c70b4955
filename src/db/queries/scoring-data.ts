import { and, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { alertChanges, campaigns, dropoutCases, homeVisits, rounds, students } from '../schema/index.js';

/**
 * Ducha's own numbers per school over a span, as the indicator framework's `data` formulas read
 * them (domain/scoring/data-formulas.ts). Every query is one grouped statement over every school,
 * never one per school: the yearly ranking reads a province at once.
 */

/** Local dates, `from` inclusive and `until` exclusive, and the same span as instants. */
export type ScoringSpan = { from: string; until: string; start: Date; end: Date; months: number };

const count = (condition?: ReturnType<typeof sql>) =>
  (condition ? sql<number>`count(*) filter (where ${condition})` : sql<number>`count(*)`).mapWith(Number);

/** 控辍保学: dropout cases open at the span's end (opened before it, not closed by then), per school. */
export async function openDropoutsAtEndBySchool(db: Db, span: ScoringSpan): Promise<Map<number, number>> {
  const rows = await db
    .select({ schoolId: students.schoolId, n: count() })
    .from(dropoutCases)
    .innerJoin(students, eq(students.id, dropoutCases.studentId))
    .where(and(lt(dropoutCases.openedAt, span.end), or(isNull(dropoutCases.closedAt), gte(dropoutCases.closedAt, span.end))))
    .groupBy(students.schoolId);
  return new Map(rows.map((r) => [r.schoolId, r.n]));
}

/**
 * 排查走访到户: the school's at-risk students on the register now (a category, or not 正常), and the
 * student-months among them with a visit in the span (a child visited twice in a month counts once:
 * the formula rewards reaching every household, not visiting one often).
 */
export async function atRiskVisitsBySchool(db: Db, span: ScoringSpan): Promise<Map<number, { atRisk: number; visitedMonths: number }>> {
  const visitedMonths = db
    .select({
      studentId: homeVisits.studentId,
      months: sql<number>`count(distinct date_trunc('month', ${homeVisits.visitedOn}::date))`.as('months'),
    })
    .from(homeVisits)
    .where(and(gte(homeVisits.visitedOn, span.from), lt(homeVisits.visitedOn, span.until)))
    .groupBy(homeVisits.studentId)
    .as('visited_months');
  const rows = await db
    .select({
      schoolId: students.schoolId,
      atRisk: count(),
      visitedMonths: sql<number>`coalesce(sum(${visitedMonths.months}), 0)`.mapWith(Number),
    })
    .from(students)
    .leftJoin(visitedMonths, eq(visitedMonths.studentId, students.id))
    .where(and(isNull(students.leftAt), sql`(cardinality(${students.categories}) > 0 or ${students.alertLevel} <> 'normal')`))
    .groupBy(students.schoolId);
  return new Map(rows.map(({ schoolId, ...n }) => [schoolId, n]));
}

/**
 * 预警学生跟进: the students at 预警 at some time in the span — raised to it in the span, or at it
 * when the span began (read from the alert register: the last change before the start, else the
 * level the first later change left, else the level now) — and how many of them had a visit in the
 * span. Only students who ever were at 预警 are looked at, so the per-student reads stay few.
 */
export async function alertFollowupBySchool(db: Db, span: ScoringSpan): Promise<Map<number, { alerted: number; visited: number }>> {
  // Instants as text cast in SQL: postgres.js takes no Date inside a raw fragment (PGlite does).
  const start = sql`${span.start.toISOString()}::timestamptz`;
  const end = sql`${span.end.toISOString()}::timestamptz`;
  const levelAtStart = sql`coalesce(
      (select c.to_level from ${alertChanges} c where c.student_id = ${students.id} and c.at < ${start} order by c.at desc, c.id desc limit 1),
      (select c.from_level from ${alertChanges} c where c.student_id = ${students.id} and c.at >= ${start} order by c.at, c.id limit 1),
      ${students.alertLevel})`;
  const raisedInSpan = sql`exists (select 1 from ${alertChanges} c where c.student_id = ${students.id} and c.to_level = 'alert' and c.at >= ${start} and c.at < ${end})`;
  const visitedInSpan = sql`exists (select 1 from ${homeVisits} v where v.student_id = ${students.id} and v.visited_on >= ${span.from} and v.visited_on < ${span.until})`;
  const everAlerted = or(
    eq(students.alertLevel, 'alert'),
    inArray(
      students.id,
      db.select({ id: alertChanges.studentId }).from(alertChanges).where(or(eq(alertChanges.toLevel, 'alert'), eq(alertChanges.fromLevel, 'alert'))),
    ),
  );
  const rows = await db
    .select({ schoolId: students.schoolId, alerted: count(), visited: count(visitedInSpan) })
    .from(students)
    .where(and(isNull(students.leftAt), everAlerted, sql`(${raisedInSpan} or ${levelAtStart} = 'alert')`))
    .groupBy(students.schoolId);
  return new Map(rows.map(({ schoolId, ...n }) => [schoolId, n]));
}

/** The rounds of the audience's campaigns whose deadline falls in the span (a report is owed in the span it is due). */
export async function listRoundIdsDueIn(db: Db, audience: 'teachers' | 'principals', span: ScoringSpan, cadence?: 'monthly'): Promise<number[]> {
  const rows = await db
    .select({ id: rounds.id })
    .from(rounds)
    .innerJoin(campaigns, eq(campaigns.id, rounds.campaignId))
    .where(
      and(
        eq(campaigns.audience, audience),
        cadence ? sql`${campaigns.definition} ->> 'cadence' = ${cadence}` : undefined,
        gte(rounds.dueAt, span.start),
        lt(rounds.dueAt, span.end),
      ),
    );
  return rows.map((r) => r.id);
}
