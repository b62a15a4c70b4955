import { requireCampaign, type Campaign } from '../../db/queries/campaigns.js';
import { findPlaces, findPlacesContaining, listTownNames, tallyRoundBySchool, withReportSettings, type Place, type SchoolTally } from '../../db/queries/summary.js';
import type { Db } from '../../db/database.js';
import { DomainError } from '../../errors.js';
import { summaryTexts } from '../../texts/summary-texts.js';
import { addChildCounts, emptyChildCounts, tallyChildren, visitMonthOf, type ChildCounts, type ChildrenOverview } from './children-counts.js';
import { findSummaryRound, periodInPlaceWords, resolveSummaryCampaign, type SummaryWords } from './summary-campaign.js';

/** People expected to answer, how many did (`late` of them after the deadline), and the counts' sums. */
export type Totals = { expected: number; answered: number; late: number; sums: Record<string, number> };
/** `children`: counts only, present when the summary has children's numbers (see `BureauSummary.children`). */
export type SchoolLine = SchoolTally & { complete: boolean; lagging: boolean; children?: ChildCounts };
export type TownBlock = { name: string; schools: SchoolLine[]; totals: Totals; children?: ChildCounts };
export type BureauSummary = {
  campaign: Campaign;
  /** The form's count fields, whose sums the summary shows. */
  columns: { name: string; label: string }[];
  period: string;
  dueAt: Date;
  pastDue: boolean;
  /** The town asked for (or the town of the school asked for). */
  town: string | undefined;
  /** The school asked for. */
  school: string | undefined;
  towns: TownBlock[];
  totals: Totals;
  /** The students' numbers: for a teachers' campaign whose round has a month (children-counts.ts). */
  children?: ChildrenOverview;
};

const emptyTotals = (columns: { name: string }[]): Totals => ({
  expected: 0,
  answered: 0,
  late: 0,
  sums: Object.fromEntries(columns.map((c) => [c.name, 0])),
});

function addTo(totals: Totals, t: Totals): void {
  totals.expected += t.expected;
  totals.answered += t.answered;
  totals.late += t.late;
  for (const [name, value] of Object.entries(t.sums)) totals.sums[name] = (totals.sums[name] ?? 0) + value;
}

/**
 * The places a name points at: those of exactly that name, else those whose name contains it
 * (people write `首善街道中心小学` for `首善街道中心小学(示例)`), so that a unique part is enough.
 */
async function placesNamed(db: Db, name: string, inTown?: string): Promise<{ places: Place[]; exact: boolean }> {
  const exact = await findPlaces(db, name, inTown);
  return exact.length > 0 ? { places: exact, exact: true } : { places: await findPlacesContaining(db, name, inTown), exact: false };
}

/** Several places contain the words: name them, so the next ask can be exact. */
function ambiguousPart(part: string, found: Place[]): DomainError {
  return new DomainError('ambiguous_school', summaryTexts.ambiguousPart(part, found.map((p) => (p.kind === 'school' ? `${p.school}（${p.town}）` : p.town))));
}

/** Where the bureau officer's words point: a town, a school, or (nothing given) everywhere. */
async function resolvePlace(db: Db, input: { town?: string; school?: string; place?: string }): Promise<Place | undefined> {
  const unknown = async (name: string) => new DomainError('unknown_place', summaryTexts.unknownTown(name, await listTownNames(db)));
  if (input.school !== undefined) {
    const town = input.town === undefined ? undefined : (await resolveTown(db, input.town)) ?? input.town;
    const { places: found, exact } = await placesNamed(db, input.school, town);
    if (found.length === 0) throw await unknown(input.town ? `${input.town} ${input.school}` : input.school);
    if (found.length > 1 && !exact) throw ambiguousPart(input.school, found);
    if (found.length > 1) throw new DomainError('ambiguous_school', summaryTexts.ambiguousSchool(input.school, found.map((p) => p.town)));
    return found[0];
  }
  const name = input.town ?? input.place;
  if (name === undefined) return undefined;
  const { places, exact } = await placesNamed(db, name);
  // A town's name was asked for explicitly: a school of that name does not count.
  const found = input.town !== undefined ? places.filter((p) => p.kind === 'town') : places;
  if (found.length === 0) throw await unknown(name);
  if (found.length > 1 && !exact) throw ambiguousPart(name, found);
  if (found.length > 1) throw new DomainError('ambiguous_school', summaryTexts.ambiguousSchool(name, found.map((p) => p.town)));
  return found[0];
}

/** A town named exactly, or by a unique part of its name. */
async function resolveTown(db: Db, name: string): Promise<string | undefined> {
  const towns = (await placesNamed(db, name)).places.filter((p) => p.kind === 'town');
  return towns.length === 1 ? towns[0]!.town : undefined;
}

/**
 * The bureau's view of one round of a campaign (named, or the teachers' monthly check-in): per
 * town and school, with lagging schools marked and totals, for everywhere, one town, or one
 * school (`place` is a town's or a school's name).
 */
export async function buildBureauSummary(
  db: Db,
  /** `timezone` places a month for a semester campaign (default: the bureau's usual Asia/Shanghai). */
  input: SummaryWords & { now: Date; timezone?: string; campaignCode?: string },
): Promise<BureauSummary> {
  const named = input.campaignCode
    ? { campaign: await requireCampaign(db, input.campaignCode), rest: input }
    : await resolveSummaryCampaign(db, input);
  const { campaign } = named;
  const words = await periodInPlaceWords(db, campaign, named.rest);
  const round = await findSummaryRound(db, { campaign, period: words.period, now: input.now, timezone: input.timezone ?? 'Asia/Shanghai' });
  if (!round) {
    throw new DomainError('no_round', words.period ? summaryTexts.noSuchRound(words.period, campaign.title) : summaryTexts.noRoundYet(campaign.title));
  }
  const place = await resolvePlace(db, words);
  const columns = campaign.definition.form.fields.filter((f) => f.type === 'count').map((f) => ({ name: f.name, label: f.label }));
  const pastDue = input.now.getTime() > round.dueAt.getTime();
  const blocks = new Map<number, TownBlock>();
  const totals = emptyTotals(columns);
  const scope = place?.kind === 'school' ? { schoolId: place.schoolId } : place ? { townId: place.townId } : {};
  // The children go with the teachers' campaigns, whose visits they are; a principals' card is about who filed.
  const month = campaign.audience === 'principals' ? undefined : visitMonthOf(round.period, words.period);
  // The round's tally and the children's counts are independent: asked at once, on two connections.
  const [tallies, tallied] = await Promise.all([
    withReportSettings(db, (tx) =>
      tallyRoundBySchool(tx, {
        roundId: round.id,
        role: campaign.audience === 'principals' ? 'principal' : 'teacher',
        countFields: columns.map((c) => c.name),
        ...scope,
      }),
    ),
    month === undefined ? undefined : tallyChildren(db, { ...scope, month }),
  ]);
  const childCounts = tallied?.bySchool;
  const childTotals = emptyChildCounts();
  for (const tally of tallies) {
    const complete = tally.answered >= tally.expected;
    let block = blocks.get(tally.townId);
    if (!block) {
      block = { name: tally.town, schools: [], totals: emptyTotals(columns), ...(childCounts ? { children: emptyChildCounts() } : {}) };
      blocks.set(tally.townId, block);
    }
    const children = childCounts ? childCounts.get(tally.schoolId) ?? emptyChildCounts() : undefined;
    block.schools.push({ ...tally, complete, lagging: pastDue && !complete, ...(children ? { children } : {}) });
    addTo(block.totals, tally);
    addTo(totals, tally);
    if (children) {
      addChildCounts(block.children!, children);
      addChildCounts(childTotals, children);
    }
  }
  return {
    campaign,
    columns,
    period: round.period,
    dueAt: round.dueAt,
    pastDue,
    town: place?.town,
    school: place?.kind === 'school' ? place.school : undefined,
    towns: [...blocks.values()],
    totals,
    ...(month !== undefined ? { children: { month, totals: childTotals, aidTerm: tallied?.aidTerm } } : {}),
  };
}
