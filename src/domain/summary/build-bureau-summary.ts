import { MONTHLY_CAMPAIGN_CODE, requireCampaign, type Campaign } from '../../db/queries/campaigns.js';
import { findCurrentRound, findRoundByPeriod } from '../../db/queries/rounds.js';
import { listTownNames, tallyRoundBySchool, type SchoolTally } from '../../db/queries/summary.js';
import type { Db } from '../../db/client.js';
import { DomainError } from '../../errors.js';
import { summaryTexts } from '../../texts/summary-texts.js';

export type Totals = { expected: number; answered: number; sums: Record<string, number> };
export type SchoolLine = SchoolTally & { complete: boolean; lagging: boolean };
export type TownBlock = { name: string; schools: SchoolLine[]; totals: Totals };
export type BureauSummary = {
  campaign: Campaign;
  /** The form's count fields, whose sums the summary shows. */
  columns: { name: string; label: string }[];
  period: string;
  dueAt: Date;
  pastDue: boolean;
  town: string | undefined;
  towns: TownBlock[];
  totals: Totals;
};

const emptyTotals = (columns: { name: string }[]): Totals => ({
  expected: 0,
  answered: 0,
  sums: Object.fromEntries(columns.map((c) => [c.name, 0])),
});

function addTo(totals: Totals, t: Totals): void {
  totals.expected += t.expected;
  totals.answered += t.answered;
  for (const [name, value] of Object.entries(t.sums)) totals.sums[name] = (totals.sums[name] ?? 0) + value;
}

/** The bureau's view of one round: per town and school, with lagging schools marked and county totals. */
export async function buildBureauSummary(
  db: Db,
  input: { now: Date; period?: string; town?: string; campaignCode?: string },
): Promise<BureauSummary> {
  const campaign = await requireCampaign(db, input.campaignCode ?? MONTHLY_CAMPAIGN_CODE);
  const round = input.period
    ? await findRoundByPeriod(db, campaign.id, input.period)
    : await findCurrentRound(db, campaign.id, input.now);
  if (!round) {
    throw new DomainError('no_round', input.period ? summaryTexts.noSuchRound(input.period) : summaryTexts.noRoundYet);
  }
  if (input.town !== undefined) {
    const towns = await listTownNames(db);
    if (!towns.includes(input.town)) throw new DomainError('unknown_town', summaryTexts.unknownTown(input.town, towns));
  }
  const columns = campaign.definition.form.fields.filter((f) => f.type === 'count').map((f) => ({ name: f.name, label: f.label }));
  const pastDue = input.now.getTime() > round.dueAt.getTime();
  const blocks = new Map<number, TownBlock>();
  const totals = emptyTotals(columns);
  const tallies = await tallyRoundBySchool(db, {
    roundId: round.id,
    role: campaign.audience === 'principals' ? 'principal' : 'teacher',
    countFields: columns.map((c) => c.name),
    ...(input.town !== undefined ? { town: input.town } : {}),
  });
  for (const tally of tallies) {
    const complete = tally.answered >= tally.expected;
    let block = blocks.get(tally.townId);
    if (!block) {
      block = { name: tally.town, schools: [], totals: emptyTotals(columns) };
      blocks.set(tally.townId, block);
    }
    block.schools.push({ ...tally, complete, lagging: pastDue && !complete });
    addTo(block.totals, tally);
    addTo(totals, tally);
  }
  return { campaign, columns, period: round.period, dueAt: round.dueAt, pastDue, town: input.town, towns: [...blocks.values()], totals };
}
