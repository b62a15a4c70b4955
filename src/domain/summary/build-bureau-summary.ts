import { listCampaigns, requireCampaign, type Campaign } from '../../db/queries/campaigns.js';
import { listGroupSchools, tallyRoundsBySchool, withReportSettings, type SchoolTally } from '../../db/queries/summary.js';
import type { Db } from '../../db/database.js';
import type { GroupRole } from '../../db/schema/roster.js';
import { DomainError } from '../../errors.js';
import { summaryTexts } from '../../texts/summary-texts.js';
import { addChildCounts, emptyChildCounts, tallyChildren, type ChildCounts, type ChildrenOverview } from './children-counts.js';
import { resolvePlace, scopeOf, type SummaryPlace } from './resolve-place.js';
import { selectPeriod, type SummaryWords } from './summary-campaign.js';
import { dayWindowOf, previousSelection, roundsForLabel, trendSelections } from './summary-periods.js';
import { trendOf, type TrendPoint } from './summary-trend.js';

/** People expected to answer, how many did (`late` of them after the deadline), and the counts' sums. */
export type Totals = { expected: number; answered: number; late: number; sums: Record<string, number> };
/** Whether principals filed their reports of the period (the principals' campaigns): expected, filed, late. */
export type Filed = { expected: number; answered: number; late: number };
/**
 * `children`: counts only, present when the summary has children's numbers (see `BureauSummary.children`);
 * `previous`: the same school in the period before; `reports`: its principal's reports of the period.
 */
export type SchoolLine = SchoolTally & {
  complete: boolean;
  lagging: boolean;
  children?: ChildCounts;
  previous?: Totals;
  reports?: Filed;
  groupRole?: GroupRole | null;
};
export type TownBlock = { name: string; schools: SchoolLine[]; totals: Totals; children?: ChildCounts; previous?: Totals; reports?: Filed };
export type BureauSummary = {
  campaign: Campaign;
  /** The form's count fields, whose sums the summary shows. */
  columns: { name: string; label: string }[];
  /** The period's label: a round's own (`2026-12`, `2026-H2`), or a span of a monthly campaign's rounds (`2026-Q4`, `2026`). */
  period: string;
  /** How many rounds the period sums (a quarter of a monthly campaign: 3). */
  rounds: number;
  /** The round, when the period is one (a report can be opened from it). */
  roundId?: number;
  /** The last round's deadline. */
  dueAt: Date;
  pastDue: boolean;
  /** The town asked for (or the town of the school asked for). */
  town: string | undefined;
  /** The school asked for. */
  school: string | undefined;
  /** The education group asked for. */
  group?: string;
  /** The words that select this summary again (paging rebuilds it). */
  query: { campaign: string; period: string; place?: string };
  towns: TownBlock[];
  totals: Totals;
  /** The period before, for ▲/▼ (absent when it had no round). */
  previous?: { period: string; totals: Totals };
  /** The last periods' completion, oldest first, this one last. */
  trend: TrendPoint[];
  /** The principals' reports of the same period, for a teachers' campaign: which campaigns count, and the totals. */
  reports?: { titles: string[]; totals: Filed };
  /** The students' numbers: for a teachers' campaign whose period is a span of days. */
  children?: ChildrenOverview;
};

export const emptyTotals = (columns: { name: string }[]): Totals => ({
  expected: 0,
  answered: 0,
  late: 0,
  sums: Object.fromEntries(columns.map((c) => [c.name, 0])),
});

export function addTo(totals: Totals, t: Totals): void {
  totals.expected += t.expected;
  totals.answered += t.answered;
  totals.late += t.late;
  for (const [name, value] of Object.entries(t.sums)) totals.sums[name] = (totals.sums[name] ?? 0) + value;
}

const placeWords = (place: SummaryPlace | undefined): string | undefined =>
  place === undefined ? undefined : place.kind === 'group' ? place.group : place.kind === 'school' ? `${place.town} ${place.school}` : place.town;

/** The principals' reports filed per school over the period's rounds of every principals' campaign that has one. */
async function principalsReports(db: Db, period: string, scope: ReturnType<typeof scopeOf>) {
  const campaigns = (await listCampaigns(db)).filter((c) => c.audience === 'principals' && c.active);
  const found = await Promise.all(campaigns.map(async (c) => ({ campaign: c, rounds: await roundsForLabel(db, c, period) })));
  const withRounds = found.filter((f) => f.rounds.length > 0);
  if (withRounds.length === 0) return undefined;
  const tallies = await tallyRoundsBySchool(db, { roundIds: withRounds.flatMap((f) => f.rounds.map((r) => r.id)), role: 'principal', countFields: [], ...scope });
  return { titles: withRounds.map((f) => f.campaign.title), bySchool: new Map(tallies.map((t) => [t.schoolId, t])) };
}

/**
 * The bureau's view of a period of a campaign (named, or the teachers' monthly check-in): per
 * town and school, with lagging schools marked, totals, the change against the period before and
 * the last periods' trend, for everywhere, a town, an education group or a school.
 */
export async function buildBureauSummary(
  db: Db,
  /** `timezone` places a month for a semester campaign (default: the bureau's usual Asia/Shanghai). */
  input: SummaryWords & { now: Date; timezone?: string; campaignCode?: string },
): Promise<BureauSummary> {
  const timezone = input.timezone ?? 'Asia/Shanghai';
  const { campaign, words, selection } = await selectPeriod(db, { ...input, timezone });
  if (!selection) {
    throw new DomainError('no_round', words.period ? summaryTexts.noSuchRound(words.period, campaign.title) : summaryTexts.noRoundYet(campaign.title));
  }
  const place = await resolvePlace(db, words);
  const scope = scopeOf(place);
  const columns = campaign.definition.form.fields.filter((f) => f.type === 'count').map((f) => ({ name: f.name, label: f.label }));
  const lastRound = selection.rounds[selection.rounds.length - 1]!;
  const pastDue = input.now.getTime() > lastRound.dueAt.getTime();
  const role = campaign.audience === 'principals' ? 'principal' : 'teacher';
  const countFields = columns.map((c) => c.name);
  // The children go with the teachers' campaigns, whose visits they are; a principals' card is about who filed.
  const window = campaign.audience === 'principals' ? undefined : dayWindowOf(selection.label);
  const [previous, trendPeriods] = await Promise.all([previousSelection(db, campaign, selection), trendSelections(db, campaign, selection, 6)]);
  // Independent reads, at once, on as many connections as the pool lends.
  const [tallies, earlier, tallied, reports, trend, groupRoles] = await Promise.all([
    withReportSettings(db, (tx) => tallyRoundsBySchool(tx, { roundIds: selection.rounds.map((r) => r.id), role, countFields, ...scope })),
    previous ? withReportSettings(db, (tx) => tallyRoundsBySchool(tx, { roundIds: previous.rounds.map((r) => r.id), role, countFields: [], ...scope })) : undefined,
    window === undefined ? undefined : tallyChildren(db, { ...scope, window, timezone }),
    campaign.audience === 'principals' ? undefined : principalsReports(db, selection.label, scope),
    trendOf(db, { periods: trendPeriods, role, scope }),
    place?.kind === 'group' ? listGroupSchools(db, place.group) : undefined,
  ]);
  const earlierBySchool = earlier ? new Map(earlier.map((t) => [t.schoolId, t])) : undefined;
  const childCounts = tallied?.bySchool;
  const blocks = new Map<number, TownBlock>();
  const totals = emptyTotals(columns);
  const previousTotals = previous ? emptyTotals(columns) : undefined;
  const reportTotals: Filed = { expected: 0, answered: 0, late: 0 };
  const childTotals = emptyChildCounts();
  for (const tally of tallies) {
    const complete = tally.answered >= tally.expected;
    let block = blocks.get(tally.townId);
    if (!block) {
      block = {
        name: tally.town,
        schools: [],
        totals: emptyTotals(columns),
        ...(childCounts ? { children: emptyChildCounts() } : {}),
        ...(previous ? { previous: emptyTotals(columns) } : {}),
        ...(reports ? { reports: { expected: 0, answered: 0, late: 0 } } : {}),
      };
      blocks.set(tally.townId, block);
    }
    const children = childCounts ? (childCounts.get(tally.schoolId) ?? emptyChildCounts()) : undefined;
    const before = earlierBySchool ? (earlierBySchool.get(tally.schoolId) ?? emptyTotals(columns)) : undefined;
    const filed = reports ? (reports.bySchool.get(tally.schoolId) ?? { expected: 0, answered: 0, late: 0 }) : undefined;
    block.schools.push({
      ...tally,
      complete,
      lagging: pastDue && !complete,
      ...(children ? { children } : {}),
      ...(before ? { previous: before } : {}),
      ...(filed ? { reports: { expected: filed.expected, answered: filed.answered, late: filed.late } } : {}),
      ...(groupRoles ? { groupRole: groupRoles.get(tally.schoolId) ?? null } : {}),
    });
    addTo(block.totals, tally);
    addTo(totals, tally);
    if (children) {
      addChildCounts(block.children!, children);
      addChildCounts(childTotals, children);
    }
    if (before) {
      addTo(block.previous!, before);
      addTo(previousTotals!, before);
    }
    if (filed) {
      addTo(block.reports as Totals, { ...filed, sums: {} });
      addTo(reportTotals as Totals, { ...filed, sums: {} });
    }
  }
  return {
    campaign,
    columns,
    period: selection.label,
    rounds: selection.rounds.length,
    ...(selection.rounds.length === 1 ? { roundId: lastRound.id } : {}),
    dueAt: lastRound.dueAt,
    pastDue,
    town: place?.kind === 'town' || place?.kind === 'school' ? place.town : undefined,
    school: place?.kind === 'school' ? place.school : undefined,
    ...(place?.kind === 'group' ? { group: place.group } : {}),
    query: { campaign: campaign.code, period: selection.label, ...(place ? { place: placeWords(place)! } : {}) },
    towns: [...blocks.values()],
    totals,
    ...(previous && previousTotals ? { previous: { period: previous.label, totals: previousTotals } } : {}),
    trend,
    ...(reports ? { reports: { titles: reports.titles, totals: reportTotals } } : {}),
    ...(window !== undefined ? { children: { month: selection.label, totals: childTotals, aidTerm: tallied?.aidTerm } } : {}),
  };
}

/** Loads a campaign by its code, for a summary asked again by a card's button. */
export const campaignByCode = (db: Db, code: string): Promise<Campaign> => requireCampaign(db, code);
