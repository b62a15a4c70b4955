import type { SchoolScope } from '../../db/queries/school-scope.js';
import { tallyRoundTotals } from '../../db/queries/summary.js';
import type { Db } from '../../db/database.js';
import type { PeriodSelection } from './summary-periods.js';

/** One period of the trend: answers expected (people × rounds), given, and given late. */
export type TrendPoint = { period: string; expected: number; answered: number; late: number };

/** The scope's completion per period, oldest first: one grouped read over every period's rounds. */
export async function trendOf(db: Db, o: { periods: PeriodSelection[]; role: 'teacher' | 'principal'; scope: SchoolScope }): Promise<TrendPoint[]> {
  if (o.periods.length === 0) return [];
  const { expected, byRound } = await tallyRoundTotals(db, { roundIds: o.periods.flatMap((p) => p.rounds.map((r) => r.id)), role: o.role, ...o.scope });
  return o.periods.map((p) => {
    const point = { period: p.label, expected: expected * p.rounds.length, answered: 0, late: 0 };
    for (const round of p.rounds) {
      const tally = byRound.get(round.id);
      point.answered += tally?.answered ?? 0;
      point.late += tally?.late ?? 0;
    }
    return point;
  });
}
