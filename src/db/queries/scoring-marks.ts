import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { evidence, frameworkSubItems, inspections, inspectionScores, schools, towns } from '../schema/index.js';
import type { EvidenceReview } from '../schema/supervision.js';

/**
 * What inspectors and the bureau's evidence review gave each school in a span of months, read by
 * sub-item *code*, so an inspection recorded under an earlier version of the framework still
 * counts for the same 子项 in the version in force.
 */

export type ScoredSchool = { schoolId: number; school: string; townId: number; town: string };

/** Every school with its town, in the roster's order: what a bulletin or ranking covers. */
export async function listScoredSchools(db: Db, schoolIds?: readonly number[]): Promise<ScoredSchool[]> {
  return db
    .select({ schoolId: schools.id, school: schools.name, townId: towns.id, town: towns.name })
    .from(schools)
    .innerJoin(towns, eq(towns.id, schools.townId))
    .where(schoolIds ? inArray(schools.id, [...schoolIds]) : undefined)
    .orderBy(asc(towns.id), asc(schools.id));
}

/** How many monthly inspections each school had in the months. */
export async function countInspectionsBySchool(db: Db, months: readonly string[]): Promise<Map<number, number>> {
  const rows = await db
    .select({ schoolId: inspections.schoolId, n: sql<number>`count(distinct ${inspections.period})`.mapWith(Number) })
    .from(inspections)
    .where(inArray(inspections.period, [...months]))
    .groupBy(inspections.schoolId);
  return new Map(rows.map((r) => [r.schoolId, r.n]));
}

/** A deduction in force: an inspector's score below the sub-item's points, with the reason given. */
export type Deduction = {
  schoolId: number;
  period: string;
  code: string;
  score: number;
  points: number;
  reason: string | null;
  remedy: string | null;
};

/**
 * The scores in force below full points in the months, oldest month first. Full scores are not
 * read: an inspection's unscored and full sub-items count the same (nothing was found wrong).
 */
export async function listDeductions(db: Db, months: readonly string[], schoolIds?: readonly number[]): Promise<Deduction[]> {
  return db
    .select({
      schoolId: inspections.schoolId,
      period: inspections.period,
      code: frameworkSubItems.code,
      score: inspectionScores.score,
      points: frameworkSubItems.points,
      reason: inspectionScores.reason,
      remedy: inspectionScores.remedy,
    })
    .from(inspectionScores)
    .innerJoin(inspections, eq(inspections.id, inspectionScores.inspectionId))
    .innerJoin(frameworkSubItems, eq(frameworkSubItems.id, inspectionScores.subItemId))
    .where(
      and(
        inArray(inspections.period, [...months]),
        isNull(inspectionScores.replacedAt),
        sql`${inspectionScores.score} < ${frameworkSubItems.points}`,
        schoolIds ? inArray(inspections.schoolId, [...schoolIds]) : undefined,
      ),
    )
    .orderBy(asc(inspections.period), asc(inspections.schoolId), asc(inspectionScores.id));
}

export type EvidenceTally = { schoolId: number; code: string; review: EvidenceReview; n: number };

/** Evidence filed under a sub-item in the months, counted per school, sub-item code and review state. */
export async function tallyEvidence(db: Db, months: readonly string[], schoolIds?: readonly number[]): Promise<EvidenceTally[]> {
  return db
    .select({ schoolId: evidence.schoolId, code: frameworkSubItems.code, review: evidence.review, n: sql<number>`count(*)`.mapWith(Number) })
    .from(evidence)
    .innerJoin(frameworkSubItems, eq(frameworkSubItems.id, evidence.subItemId))
    .where(and(inArray(evidence.period, [...months]), schoolIds ? inArray(evidence.schoolId, [...schoolIds]) : undefined))
    .groupBy(evidence.schoolId, frameworkSubItems.code, evidence.review);
}

/** The bureau's notes on evidence it returned in the months, for one school's "why" view. */
export async function listRejectedEvidence(db: Db, schoolId: number, months: readonly string[]): Promise<{ code: string; fileName: string; note: string | null }[]> {
  return db
    .select({ code: frameworkSubItems.code, fileName: evidence.fileName, note: evidence.reviewNote })
    .from(evidence)
    .innerJoin(frameworkSubItems, eq(frameworkSubItems.id, evidence.subItemId))
    .where(and(eq(evidence.schoolId, schoolId), inArray(evidence.period, [...months]), eq(evidence.review, 'rejected')))
    .orderBy(asc(evidence.uploadedAt), asc(evidence.id));
}

/** Whether the bureau inspected any school or any school filed evidence in the months: supervision in use. */
export async function hasSupervisionIn(db: Db, months: readonly string[]): Promise<boolean> {
  const [inspected] = await db.select({ id: inspections.id }).from(inspections).where(inArray(inspections.period, [...months])).limit(1);
  if (inspected) return true;
  const [filed] = await db.select({ id: evidence.id }).from(evidence).where(inArray(evidence.period, [...months])).limit(1);
  return filed !== undefined;
}
