import type { Db } from '../../db/database.js';
import { loadActiveFramework, type Framework, type FrameworkSubItem } from '../../db/queries/frameworks.js';
import { countInspectionsBySchool, listDeductions, listScoredSchools, tallyEvidence, type Deduction, type ScoredSchool } from '../../db/queries/scoring-marks.js';
import { withReportSettings } from '../../db/queries/summary.js';
import { DomainError } from '../../errors.js';
import { scoringTexts as t } from '../../texts/scoring-texts.js';
import { figureOf, formulaShare, noFigures, type FormulaFigure, type SchoolFigures } from './data-formulas.js';
import { readSchoolFigures } from './read-figures.js';
import { scoringPeriod, type ScoringPeriod } from './scoring-span.js';

/** How a sub-item's score was reached: what the ranking's "why" and the assessment file show. */
export type ScoreBasis =
  | { way: 'data'; figure: FormulaFigure }
  /** The average over the span's inspections; a span without one is scored full and says so. */
  | { way: 'inspection'; inspections: number; deductions: Deduction[] }
  /** Full points with evidence the bureau accepted; pending and returned evidence shown, not counted. */
  | { way: 'evidence'; accepted: number; pending: number; rejected: number };

export type SubItemScore = { code: string; name: string; points: number; score: number; basis: ScoreBasis };
export type ItemScore = { name: string; points: number; score: number; subItems: SubItemScore[] };
export type SchoolScore = ScoredSchool & { score: number; points: number; items: ItemScore[] };

export type PeriodScores = { framework: Framework; period: ScoringPeriod; schools: SchoolScore[] };

/** Scores are kept in tenths, as the framework's points are: item and total sums then add up exactly as shown. */
const tenths = (v: number) => Math.round(v * 10);

function scoreSubItem(
  sub: FrameworkSubItem,
  o: { figures: SchoolFigures; inspections: number; deductions: Deduction[]; evidence: { accepted: number; pending: number; rejected: number } },
): SubItemScore {
  const head = { code: sub.code, name: sub.name, points: sub.points };
  if (sub.scoring === 'data') {
    const figure = figureOf(sub.formula, o.figures);
    return { ...head, score: tenths(sub.points * formulaShare(figure)) / 10, basis: { way: 'data', figure } };
  }
  if (sub.scoring === 'inspection') {
    const lost = o.deductions.reduce((sum, d) => sum + (d.points - d.score), 0);
    const score = o.inspections === 0 ? sub.points : Math.max(0, tenths(sub.points - lost / o.inspections) / 10);
    return { ...head, score, basis: { way: 'inspection', inspections: o.inspections, deductions: o.deductions } };
  }
  return { ...head, score: o.evidence.accepted > 0 ? sub.points : 0, basis: { way: 'evidence', ...o.evidence } };
}

const key = (schoolId: number, code: string) => `${schoolId}\u0000${code}`;

/**
 * Every school's score on the framework in force for a period (`2026-12`, `2026-Q4`, `2026`), or
 * one school's (the "why" view): data formulas over Ducha's numbers, inspections averaged over the
 * period's months inspected, evidence the bureau accepted. A few grouped reads for the whole
 * county or province, then arithmetic in memory.
 */
export async function scoreSchools(db: Db, o: { label: string; timezone: string; schoolId?: number }): Promise<PeriodScores> {
  const period = scoringPeriod(o.label, o.timezone);
  const framework = await loadActiveFramework(db);
  if (!framework) throw new DomainError('not_found', t.noFramework);
  const only = o.schoolId !== undefined ? [o.schoolId] : undefined;
  const [schools, figures, inspected, deductions, evidence] = await withReportSettings(db, (tx) =>
    Promise.all([
      listScoredSchools(tx, only),
      readSchoolFigures(tx, period.span, o.schoolId),
      countInspectionsBySchool(tx, period.months),
      listDeductions(tx, period.months, only),
      tallyEvidence(tx, period.months, only),
    ]),
  );
  const deductionsOf = new Map<string, Deduction[]>();
  for (const d of deductions) (deductionsOf.get(key(d.schoolId, d.code)) ?? deductionsOf.set(key(d.schoolId, d.code), []).get(key(d.schoolId, d.code))!).push(d);
  const evidenceOf = new Map<string, { accepted: number; pending: number; rejected: number }>();
  for (const e of evidence) {
    const k = key(e.schoolId, e.code);
    const counts = evidenceOf.get(k) ?? evidenceOf.set(k, { accepted: 0, pending: 0, rejected: 0 }).get(k)!;
    counts[e.review] += e.n;
  }
  const totalPoints = framework.items.reduce((sum, item) => sum + tenths(item.points), 0) / 10;
  const scored = schools.map((school): SchoolScore => {
    const items = framework.items.map((item): ItemScore => {
      const subItems = item.subItems.map((sub) =>
        scoreSubItem(sub, {
          figures: figures.get(school.schoolId) ?? noFigures(period.span.months),
          inspections: inspected.get(school.schoolId) ?? 0,
          deductions: deductionsOf.get(key(school.schoolId, sub.code)) ?? [],
          evidence: evidenceOf.get(key(school.schoolId, sub.code)) ?? { accepted: 0, pending: 0, rejected: 0 },
        }),
      );
      return { name: item.name, points: item.points, score: subItems.reduce((sum, s) => sum + tenths(s.score), 0) / 10, subItems };
    });
    return { ...school, score: items.reduce((sum, i) => sum + tenths(i.score), 0) / 10, points: totalPoints, items };
  });
  return { framework, period, schools: scored };
}

/** The schools' mean score, to a tenth, summed in tenths as the scores are kept; 0 for none. */
export function averageScore(schools: readonly SchoolScore[]): number {
  if (schools.length === 0) return 0;
  return Math.round(schools.reduce((sum, s) => sum + tenths(s.score), 0) / schools.length) / 10;
}
