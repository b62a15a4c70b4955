import type { Db } from '../../db/database.js';
import { listRejectedEvidence } from '../../db/queries/scoring-marks.js';
import { scoreSchools, type PeriodScores } from './score-schools.js';

/**
 * What a school's "why" reads: every school's score for the period (its rank depends on them all)
 * and the bureau's notes on the evidence it returned to this school.
 */
export async function explainSchoolScore(
  db: Db,
  o: { label: string; timezone: string; schoolId: number },
): Promise<{ scores: PeriodScores; returned: { code: string; fileName: string; note: string | null }[] }> {
  const scores = await scoreSchools(db, { label: o.label, timezone: o.timezone });
  return { scores, returned: await listRejectedEvidence(db, o.schoolId, scores.period.months) };
}
