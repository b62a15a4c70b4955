import type { SchoolScore } from './score-schools.js';

/** A school's place: equal totals share a rank and the next rank skips past them (1, 1, 3). */
export type RankedSchool = { rank: number; tied: boolean; school: SchoolScore };

/**
 * Schools by total score, highest first, compared in tenths (the unit scores are kept in, so
 * 87.3 and 87.30000001 are one score). Equal totals keep the roster's order, town then school,
 * so a tie reads the same way on every card and in every file. Schools are ranked; people never are.
 */
export function rankSchools(schools: readonly SchoolScore[]): RankedSchool[] {
  const tenths = (s: SchoolScore) => Math.round(s.score * 10);
  const sorted = [...schools].sort((a, b) => tenths(b) - tenths(a) || a.townId - b.townId || a.schoolId - b.schoolId);
  const ranked: RankedSchool[] = [];
  sorted.forEach((school, i) => {
    const previous = ranked[i - 1];
    const rank = previous && tenths(previous.school) === tenths(school) ? previous.rank : i + 1;
    ranked.push({ rank, tied: false, school });
  });
  for (let i = 0; i < ranked.length; i++) {
    ranked[i]!.tied = ranked[i - 1]?.rank === ranked[i]!.rank || ranked[i + 1]?.rank === ranked[i]!.rank;
  }
  return ranked;
}
