import type { Db } from '../../db/database.js';
import { listActiveCampaignsWithCurrentRound } from '../../db/queries/rounds.js';
import { loadSchoolCalendar } from '../calendar/load-school-calendar.js';
import type { ReminderStep } from '../../model/campaign-definition.js';
import { reminderInstant, upcomingRounds } from './round-schedule.js';

/** A round opening (with its due instant) or a reminder step of the current round; words are the caller's. */
export type UpcomingEvent =
  | { at: Date; campaign: string; kind: 'opens'; period: string; dueAt: Date }
  | { at: Date; campaign: string; kind: 'reminder'; period: string; step: string; to: ReminderStep['to'] };

/** What the scheduler will do next: each campaign's next opening and its current round's pending reminders. */
export async function listUpcomingEvents(db: Db, now: Date, timezone: string): Promise<UpcomingEvent[]> {
  const schedule = { timezone, ...(await loadSchoolCalendar(db, timezone)) };
  const events: UpcomingEvent[] = [];
  for (const { campaign, round } of await listActiveCampaignsWithCurrentRound(db, now)) {
    for (const next of upcomingRounds(campaign.definition, now, schedule)) {
      events.push({ at: next.opensAt, campaign: campaign.code, kind: 'opens', period: next.period, dueAt: next.dueAt });
    }
    if (!round || now.getTime() >= round.dueAt.getTime()) continue;
    for (const step of campaign.definition.reminders) {
      const at = reminderInstant(round.dueAt, step, schedule);
      if (at.getTime() > now.getTime() && at.getTime() < round.dueAt.getTime()) {
        events.push({ at, campaign: campaign.code, kind: 'reminder', period: round.period, step: step.step, to: step.to });
      }
    }
  }
  return events.sort((a, b) => a.at.getTime() - b.at.getTime());
}
