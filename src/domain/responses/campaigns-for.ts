import type { Campaign } from '../../db/queries/campaigns.js';
import type { Person } from '../../db/queries/people.js';
import type { Round } from '../../db/queries/rounds.js';

export type OpenRound = { campaign: Campaign; round: Round };

/** Whose answers a campaign collects. */
export const answersCampaign = (person: Person, campaign: Campaign) =>
  (campaign.audience === 'teachers' && person.role === 'teacher') ||
  (campaign.audience === 'principals' && person.role === 'principal');

/** Every active campaign with its current round (see listActiveCampaignsWithCurrentRound). */
export type CampaignsNow = readonly { campaign: Campaign; round: Round | undefined }[];

/**
 * The person's active campaigns: those with a current round (the latest that has opened: open,
 * or past its deadline until the next one opens), soonest deadline first; and those without one yet.
 */
export function campaignsFor(person: Person, campaigns: CampaignsNow): { open: OpenRound[]; notOpen: Campaign[] } {
  const mine = campaigns.filter(({ campaign }) => answersCampaign(person, campaign));
  return {
    open: mine
      .filter((f): f is OpenRound => f.round !== undefined)
      .sort((a, b) => a.round.dueAt.getTime() - b.round.dueAt.getTime()),
    notOpen: mine.filter((f) => f.round === undefined).map((f) => f.campaign),
  };
}
