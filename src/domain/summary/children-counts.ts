import { emptyChildCounts, tallyChildrenBySchool, type ChildCounts, type ChildScope, type DayWindow } from '../../db/queries/student-summary.js';
import type { Db } from '../../db/database.js';
import { aidCoverageBySchool } from '../../db/queries/aid-check.js';
import { listSchoolPeriods } from '../../db/queries/calendar.js';
import { dailyCheckCountsBySchool } from '../../db/queries/daily-checks.js';
import { termOf } from '../aid-check/aid-term.js';
import { countOpenDropoutCasesBySchool } from '../../db/queries/dropout-cases.js';

export type { ChildCounts };
export { emptyChildCounts };

/** The children's numbers of a whole summary: the month whose visits count, and the scope's totals. */
export type ChildrenOverview = { month: string; totals: ChildCounts; /** The term the aid check counts in, when the calendar has one. */ aidTerm?: string | undefined };

const MONTH = /^(\d{4})-(\d{2})$/;

/**
 * The month whose visits the summary counts: the round's own month, else the month the officer
 * asked for (a longer round looked up by one of its months). A longer round asked for by its own
 * label has no one month, so it gets no children's numbers rather than a month it did not name.
 */
export function visitMonthOf(roundPeriod: string, asked: string | undefined): string | undefined {
  if (MONTH.test(roundPeriod)) return roundPeriod;
  return asked !== undefined && MONTH.test(asked) ? asked : undefined;
}

/** `2026-12` as local days: 2026-12-01 up to, not including, 2027-01-01. */
export function monthWindow(month: string): DayWindow {
  const [, y, m] = MONTH.exec(month)!;
  const year = Number(y);
  const next = Number(m) === 12 ? `${year + 1}-01` : `${year}-${String(Number(m) + 1).padStart(2, '0')}`;
  return { from: `${month}-01`, until: `${next}-01` };
}

export function addChildCounts(to: ChildCounts, c: ChildCounts): void {
  to.listed += c.listed;
  for (const [category, n] of Object.entries(c.byCategory) as [keyof ChildCounts['byCategory'], number][]) to.byCategory[category] += n;
  to.visits.home += c.visits.home;
  to.visits.phone += c.visits.phone;
  to.visits.video += c.visits.video;
  to.newAlerts += c.newAlerts;
  to.alert += c.alert;
  to.watch += c.watch;
  to.unvisited += c.unvisited;
  to.dropouts += c.dropouts;
  to.daily.due += c.daily.due;
  to.daily.done += c.daily.done;
  to.daily.concerns += c.daily.concerns;
  to.aid.aided += c.aid.aided;
  to.aid.checked += c.aid.checked;
  to.aid.mismatches += c.aid.mismatches;
}

/**
 * Per school of the scope, the children's counts for a month (or any span of local days, `window`;
 * schools without students are absent).
 */
export async function tallyChildren(
  db: Db,
  o: ChildScope & ({ month: string } | { window: DayWindow }) & { timezone?: string },
): Promise<{ bySchool: Map<number, ChildCounts>; aidTerm: string | undefined }> {
  const { timezone = 'Asia/Shanghai', ...rest } = o;
  const window = 'month' in rest ? monthWindow(rest.month) : rest.window;
  const scope: ChildScope = { ...(rest.townId !== undefined ? { townId: rest.townId } : {}), ...(rest.schoolId !== undefined ? { schoolId: rest.schoolId } : {}), ...(rest.group !== undefined ? { group: rest.group } : {}) };
  // The aid check counts over the school term the month begins in (a vacation goes with the term before).
  const term = termOf((await listSchoolPeriods(db)).filter((p) => p.kind === 'term').map((p) => ({ name: p.name, start: p.startsOn })), window.from);
  // Per school of the scope (open dropout cases: of every school, few; the summary reads its own).
  const [children, dropouts, daily, aid] = await Promise.all([
    tallyChildrenBySchool(db, { ...scope, window, timezone }),
    countOpenDropoutCasesBySchool(db),
    dailyCheckCountsBySchool(db, window, scope),
    term ? aidCoverageBySchool(db, term, scope) : new Map<number, ChildCounts['aid']>(),
  ]);
  const of = (schoolId: number) => children.get(schoolId) ?? children.set(schoolId, emptyChildCounts()).get(schoolId)!;
  for (const [schoolId, n] of dropouts) of(schoolId).dropouts = n;
  for (const [schoolId, d] of daily) of(schoolId).daily = d;
  for (const [schoolId, a] of aid) of(schoolId).aid = a;
  return { bySchool: children, aidTerm: term?.name };
}
