import type { Campaign } from '../../db/queries/campaigns.js';
import type { Person } from '../../db/queries/people.js';
import { listActiveCampaignsWithCurrentRound, type Round } from '../../db/queries/rounds.js';
import type { Db } from '../../db/client.js';

export type OpenRound = { campaign: Campaign; round: Round };

/** Whose answers a campaign collects. */
export const answersCampaign = (person: Person, campaign: Campaign) =>
  (campaign.audience === 'teachers' && person.role === 'teacher') ||
  (campaign.audience === 'principals' && person.role === 'principal');

/** The person's active campaigns at `now`: those with a current round, and those without one yet. */
export async function campaignsFor(db: Db, person: Person, now: Date): Promise<{ open: OpenRound[]; notOpen: Campaign[] }> {
  const mine = (await listActiveCampaignsWithCurrentRound(db, now)).filter(({ campaign }) => answersCampaign(person, campaign));
  return {
    open: mine
      .filter((f): f is OpenRound => f.round !== undefined)
      .sort((a, b) => a.round.dueAt.getTime() - b.round.dueAt.getTime()),
    notOpen: mine.filter((f) => f.round === undefined).map((f) => f.campaign),
  };
}

/**
 * The rounds a person may answer now: for each active campaign of their audience, the latest
 * round that has opened (open, or past its deadline until the next one opens).
 */
export async function currentRoundsFor(db: Db, person: Person, now: Date): Promise<OpenRound[]> {
  return (await campaignsFor(db, person, now)).open;
}
