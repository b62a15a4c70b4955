import { findRoundByPeriod, MONTHLY_CAMPAIGN_CODE, requireCampaign } from '../../db/queries/rounds.js';
import { listTownNames, tallyRoundBySchool, type SchoolTally } from '../../db/queries/summary.js';
import type { Db } from '../../db/client.js';
import { DomainError } from '../../errors.js';
import { summaryTexts } from '../../texts/summary-texts.js';
import { findCurrentRoundOf } from '../check-in/record-check-in.js';

export type Totals = { expected: number; answered: number; homeVisits: number; phoneFollowups: number; newAlerts: number };
export type SchoolLine = SchoolTally & { complete: boolean; lagging: boolean };
export type TownBlock = { name: string; schools: SchoolLine[]; totals: Totals };
export type BureauSummary = {
  period: string;
  dueAt: Date;
  pastDue: boolean;
  town: string | undefined;
  towns: TownBlock[];
  totals: Totals;
};

const emptyTotals = (): Totals => ({ expected: 0, answered: 0, homeVisits: 0, phoneFollowups: 0, newAlerts: 0 });

function addTo(totals: Totals, t: Totals): void {
  totals.expected += t.expected;
  totals.answered += t.answered;
  totals.homeVisits += t.homeVisits;
  totals.phoneFollowups += t.phoneFollowups;
  totals.newAlerts += t.newAlerts;
}

/** The bureau's view of one round: per town and school, with lagging schools marked and county totals. */
export async function buildBureauSummary(
  db: Db,
  input: { now: Date; period?: string; town?: string },
): Promise<BureauSummary> {
  const round = input.period
    ? await findRoundByPeriod(db, (await requireCampaign(db, MONTHLY_CAMPAIGN_CODE)).id, input.period)
    : await findCurrentRoundOf(db, input.now);
  if (!round) {
    throw new DomainError('no_round', input.period ? summaryTexts.noSuchRound(input.period) : summaryTexts.noRoundYet);
  }
  if (input.town !== undefined) {
    const towns = await listTownNames(db);
    if (!towns.includes(input.town)) throw new DomainError('unknown_town', summaryTexts.unknownTown(input.town, towns));
  }
  const pastDue = input.now.getTime() > round.dueAt.getTime();
  const blocks = new Map<number, TownBlock>();
  const totals = emptyTotals();
  for (const tally of await tallyRoundBySchool(db, round.id, input.town)) {
    const complete = tally.answered >= tally.expected;
    let block = blocks.get(tally.townId);
    if (!block) {
      block = { name: tally.town, schools: [], totals: emptyTotals() };
      blocks.set(tally.townId, block);
    }
    block.schools.push({ ...tally, complete, lagging: pastDue && !complete });
    addTo(block.totals, tally);
    addTo(totals, tally);
  }
  return { period: round.period, dueAt: round.dueAt, pastDue, town: input.town, towns: [...blocks.values()], totals };
}
