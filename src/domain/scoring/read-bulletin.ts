import type { Db } from '../../db/database.js';
import { readDropoutMovement, type DropoutMovement } from '../../db/queries/dropout-movement.js';
import { averageScore, scoreSchools, type PeriodScores, type SchoolScore, type SubItemScore } from './score-schools.js';

/**
 * 落后约谈: a school below this share of the framework's points is called in. The seed names the
 * practice but no line; comparable standards pass at 85–90% (reference/domain.md: 社会认可度
 * ≥85%, 宝鸡's ≥270 of 300), so the lower bar is taken, and every school's score is shown beside it.
 */
export const LAGGING_SHARE = 0.85;

/** A lagging school and the sub-items it lost most on, worst first. */
export type LaggingSchool = { school: SchoolScore; lacking: SubItemScore[] };

/** 季通报: every school's score by 大项, who met everything, who is called in and why, and the dropout register's movement. */
export type Bulletin = PeriodScores & {
  average: number;
  metEverything: SchoolScore[];
  lagging: LaggingSchool[];
  dropouts: DropoutMovement;
};

const lost = (s: SubItemScore) => s.points - s.score;

/** The bulletin for a period (a quarter as a rule; a month or a year reads the same way). */
export async function readBulletin(db: Db, o: { label: string; timezone: string }): Promise<Bulletin> {
  const scores = await scoreSchools(db, o);
  return bulletinOf(scores, await readDropoutMovement(db, scores.period.span));
}

/** The bulletin's derived figures over the period's scores: the average, who met everything, who lags and on what. */
export function bulletinOf(scores: PeriodScores, dropouts: DropoutMovement): Bulletin {
  const { schools } = scores;
  const lagging = schools
    .filter((s) => s.score < s.points * LAGGING_SHARE)
    .sort((a, b) => a.score - b.score || a.townId - b.townId || a.schoolId - b.schoolId)
    .map((school) => ({
      school,
      lacking: school.items
        .flatMap((i) => i.subItems)
        .filter((s) => lost(s) > 0)
        .sort((a, b) => lost(b) - lost(a)),
    }));
  return {
    ...scores,
    average: averageScore(schools),
    metEverything: schools.filter((s) => s.score === s.points),
    lagging,
    dropouts,
  };
}
