import type { Db } from '../../db/database.js';
import { aidCoverageBySchool } from '../../db/queries/aid-check.js';
import { listSchoolPeriods } from '../../db/queries/calendar.js';
import { alertFollowupBySchool, atRiskVisitsBySchool, listRoundIdsDueIn, openDropoutsAtEndBySchool, type ScoringSpan } from '../../db/queries/scoring-data.js';
import { tallyRoundsBySchool } from '../../db/queries/summary.js';
import { termOf } from '../aid-check/aid-term.js';
import { noFigures, type SchoolFigures } from './data-formulas.js';

/** The local day before `until` (`YYYY-MM-DD`): a span's last day. */
function dayBefore(until: string): string {
  const d = new Date(`${until}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The answers of the audience to the rounds due in the span, per school (none read when no round is due). */
async function roundAnswers(db: Db, audience: 'teachers' | 'principals', span: ScoringSpan, schoolId: number | undefined) {
  const roundIds = await listRoundIdsDueIn(db, audience, span, audience === 'teachers' ? 'monthly' : undefined);
  if (roundIds.length === 0) return [];
  const role = audience === 'teachers' ? 'teacher' : 'principal';
  return tallyRoundsBySchool(db, { roundIds, role, countFields: [], ...(schoolId !== undefined ? { schoolId } : {}) });
}

/**
 * Every school's figures over the span (or one school's), in a handful of grouped statements run
 * side by side. The aid check counts over the school term the span's last day falls in (the check
 * is made once a term); without a calendar, over the span itself.
 */
export async function readSchoolFigures(db: Db, span: ScoringSpan, schoolId?: number): Promise<Map<number, SchoolFigures>> {
  const terms = (await listSchoolPeriods(db)).filter((p) => p.kind === 'term').map((p) => ({ name: p.name, start: p.startsOn }));
  const term = termOf(terms, dayBefore(span.until));
  const scope = schoolId !== undefined ? { schoolId } : {};
  const [dropouts, visits, alerts, aid, checkins, reports] = await Promise.all([
    openDropoutsAtEndBySchool(db, span),
    atRiskVisitsBySchool(db, span),
    alertFollowupBySchool(db, span),
    aidCoverageBySchool(db, term ?? span, scope),
    roundAnswers(db, 'teachers', span, schoolId),
    roundAnswers(db, 'principals', span, schoolId),
  ]);
  const bySchool = new Map<number, SchoolFigures>();
  const of = (id: number) => bySchool.get(id) ?? bySchool.set(id, noFigures(span.months)).get(id)!;
  for (const [id, n] of dropouts) of(id).openDropouts = n;
  for (const [id, v] of visits) Object.assign(of(id), { atRisk: v.atRisk, visitedMonths: v.visitedMonths });
  for (const [id, a] of alerts) Object.assign(of(id), { alerted: a.alerted, alertedVisited: a.visited });
  for (const [id, a] of aid) Object.assign(of(id), { aided: a.aided, aidChecked: a.checked });
  for (const t of checkins) Object.assign(of(t.schoolId), { checkinsExpected: t.expected, checkinsAnswered: t.answered });
  for (const t of reports) Object.assign(of(t.schoolId), { reportsExpected: t.expected, reportsOnTime: t.answered - t.late });
  if (schoolId !== undefined) for (const id of [...bySchool.keys()]) if (id !== schoolId) bySchool.delete(id);
  return bySchool;
}
