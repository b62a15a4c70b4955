import { listActiveCampaigns, type Campaign } from '../../db/queries/campaigns.js';
import type { Person } from '../../db/queries/people.js';
import { findCurrentRound, type Round } from '../../db/queries/rounds.js';
import type { Db } from '../../db/client.js';

export type OpenRound = { campaign: Campaign; round: Round };

/** Whose answers a campaign collects. */
export const answersCampaign = (person: Person, campaign: Campaign) =>
  (campaign.audience === 'teachers' && person.role === 'teacher') ||
  (campaign.audience === 'principals' && person.role === 'principal');

/**
 * The rounds a person may answer now: for each active campaign of their audience, the latest
 * round that has opened (open, or past its deadline until the next one opens).
 */
export async function currentRoundsFor(db: Db, person: Person, now: Date): Promise<OpenRound[]> {
  const mine = (await listActiveCampaigns(db)).filter((c) => answersCampaign(person, c));
  const found = await Promise.all(mine.map(async (campaign) => ({ campaign, round: await findCurrentRound(db, campaign.id, now) })));
  return found
    .filter((f): f is OpenRound => f.round !== undefined)
    .sort((a, b) => a.round.dueAt.getTime() - b.round.dueAt.getTime());
}
