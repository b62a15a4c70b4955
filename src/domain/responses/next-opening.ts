import type { Db } from '../../db/database.js';
import type { Campaign } from '../../db/queries/campaigns.js';
import { loadSchoolCalendar } from '../calendar/load-school-calendar.js';
import { upcomingRounds } from '../campaigns/round-schedule.js';

export type NextOpening = { campaign: Campaign; period: string; opensAt: Date };

/** Which of these campaigns opens its next round soonest after `now`, and when (vacations and holidays counted). */
export async function findNextOpening(db: Db, campaigns: readonly Campaign[], now: Date, timezone: string): Promise<NextOpening | undefined> {
  if (campaigns.length === 0) return undefined;
  const schedule = { timezone, ...(await loadSchoolCalendar(db, timezone)) };
  const next = campaigns.flatMap((campaign) => upcomingRounds(campaign.definition, now, schedule).map((r) => ({ campaign, period: r.period, opensAt: r.opensAt })));
  return next.sort((a, b) => a.opensAt.getTime() - b.opensAt.getTime())[0];
}
