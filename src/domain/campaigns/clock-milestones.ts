import type { Db } from '../../db/database.js';
import { listActiveCampaignsWithCurrentRound } from '../../db/queries/rounds.js';
import { loadSchoolCalendar } from '../calendar/load-school-calendar.js';
import { bulletinMoment } from '../scoring/send-quarterly-bulletin.js';
import { localParts } from '../time/zoned-time.js';
import { escalationInstant } from './escalation-instant.js';
import { recentRounds, reminderInstant, upcomingRounds, type RoundTimes } from './round-schedule.js';

/** A moment worth jumping the sandbox's clock to; the words are the caller's. */
export type ClockMilestone =
  | { kind: 'opens' | 'due' | 'escalation'; at: Date; period: string }
  | { kind: 'reminder'; at: Date; period: string; daysBefore: number }
  | { kind: 'bulletin'; at: Date; quarter: string };

/**
 * The month's milestones of the first monthly campaign — its round's opening, reminders, deadline
 * and escalation (this month's round until it has escalated, then the next) — and the coming
 * quarterly bulletin: what someone trying Ducha wants to skip to.
 */
export async function listClockMilestones(db: Db, now: Date, timezone: string): Promise<ClockMilestone[]> {
  const { calendar, terms } = await loadSchoolCalendar(db, timezone);
  const schedule = { timezone, terms, calendar };
  const milestones: ClockMilestone[] = [];
  const monthly = (await listActiveCampaignsWithCurrentRound(db, now)).find((c) => c.campaign.definition.cadence === 'monthly');
  if (monthly) {
    const def = monthly.campaign.definition;
    const afterWorkdays = def.escalation?.afterWorkdaysOverdue ?? undefined;
    const escalatesAt = (round: RoundTimes) => (afterWorkdays === undefined ? round.dueAt : escalationInstant(round.dueAt, afterWorkdays, calendar));
    const [latest] = recentRounds(def, now, schedule);
    const round = latest && now < escalatesAt(latest) ? latest : upcomingRounds(def, now, schedule)[0];
    if (round) {
      milestones.push({ kind: 'opens', at: round.opensAt, period: round.period });
      for (const step of def.reminders) {
        milestones.push({ kind: 'reminder', at: reminderInstant(round.dueAt, step, schedule), period: round.period, daysBefore: step.daysBefore });
      }
      milestones.push({ kind: 'due', at: round.dueAt, period: round.period });
      if (afterWorkdays !== undefined) milestones.push({ kind: 'escalation', at: escalatesAt(round), period: round.period });
    }
  }
  const { year, month } = localParts(now, timezone);
  const quarter = `${year}-Q${Math.ceil(month / 3)}`;
  milestones.push({ kind: 'bulletin', at: bulletinMoment(calendar, quarter).at, quarter });
  return milestones.sort((a, b) => a.at.getTime() - b.at.getTime());
}
