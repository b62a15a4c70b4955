import { describe, expect, it } from 'vitest';
import { rankSchools } from '../../src/domain/scoring/rank-schools.js';
import type { SchoolScore } from '../../src/domain/scoring/score-schools.js';

const school = (schoolId: number, townId: number, score: number): SchoolScore => ({ schoolId, school: `学校${schoolId}`, townId, town: `镇${townId}`, score, points: 100, items: [] });
const places = (schools: SchoolScore[]) => rankSchools(schools).map((r) => [r.rank, r.tied, r.school.schoolId]);

describe('rankSchools', () => {
  it('shares a rank between equal totals and skips past them (1, 1, 3)', () => {
    expect(places([school(1, 1, 90), school(2, 1, 95), school(3, 2, 95), school(4, 2, 80)])).toEqual([
      [1, true, 2],
      [1, true, 3],
      [3, false, 1],
      [4, false, 4],
    ]);
  });

  it('compares in tenths, the unit scores are kept in: a float’s noise is no difference, a tenth is', () => {
    expect(places([school(1, 1, 87.3), school(2, 1, 87.30000000001), school(3, 1, 87.2)]).map(([rank]) => rank)).toEqual([1, 1, 3]);
  });

  it('orders a tie by town, then school, in the roster’s order — whatever order the schools came in', () => {
    const ranked = places([school(9, 3, 61), school(4, 1, 61), school(7, 2, 61), school(2, 1, 61), school(5, 2, 70)]);
    expect(ranked).toEqual([
      [1, false, 5],
      [2, true, 2],
      [2, true, 4],
      [2, true, 7],
      [2, true, 9],
    ]);
  });

  it('a tie at the bottom and an empty roster', () => {
    expect(places([school(1, 1, 50), school(2, 1, 40), school(3, 1, 40)])).toEqual([
      [1, false, 1],
      [2, true, 2],
      [2, true, 3],
    ]);
    expect(rankSchools([])).toEqual([]);
  });
});
