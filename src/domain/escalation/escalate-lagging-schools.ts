import type { Db } from '../../db/database.js';
import { listActiveCampaigns, type Campaign } from '../../db/queries/campaigns.js';
import { claimJobRun } from '../../db/queries/job-runs.js';
import { enqueueMessages, outboxKey } from '../../db/queries/outbox.js';
import { listBureauDestinations } from '../../db/queries/people.js';
import { listRecentRounds, type Round } from '../../db/queries/rounds.js';
import { tallyRoundBySchool } from '../../db/queries/summary.js';
import type { SchoolCalendar } from '../calendar/school-calendar.js';
import { escalationInstant } from '../campaigns/escalation-instant.js';
import { formatLocal } from '../time/zoned-time.js';
import type { MessagePresenter } from '../messages/message-presenter.js';
import { summaryTexts } from '../../texts/summary-texts.js';

export type EscalationReport = { escalated: { campaign: string; period: string; schools: number }[] };

/**
 * Once per round, when its escalation moment comes, the bureau's chat gets the list of schools
 * still incomplete (落后约谈). Rankings and lagging lists go to the bureau only, never to schools.
 */
export async function escalateLaggingSchools(
  db: Db,
  now: Date,
  calendar: SchoolCalendar,
  present: Pick<MessagePresenter, 'laggingText'>,
): Promise<EscalationReport> {
  const report: EscalationReport = { escalated: [] };
  for (const campaign of await listActiveCampaigns(db)) {
    const escalation = campaign.definition.escalation;
    if (!escalation) continue;
    // Not only the current round: the next one may open before the last one's escalation moment.
    for (const round of await listRecentRounds(db, campaign.id, now, 3)) {
      if (now.getTime() < escalationInstant(round.dueAt, escalation.afterWorkdaysOverdue, calendar).getTime()) continue;
      const schools = await escalateRound(db, { campaign, round, afterWorkdays: escalation.afterWorkdaysOverdue, now, calendar, present });
      if (schools > 0) report.escalated.push({ campaign: campaign.code, period: round.period, schools });
    }
  }
  return report;
}

/** Claims the round's escalation and queues the lagging list; returns how many schools it named. */
async function escalateRound(
  db: Db,
  o: { campaign: Campaign; round: Round; afterWorkdays: number; now: Date; calendar: SchoolCalendar; present: Pick<MessagePresenter, 'laggingText'> },
): Promise<number> {
  const { campaign, round, now, calendar } = o;
  return db.transaction(async (tx) => {
    const tallies = await tallyRoundBySchool(tx, {
      roundId: round.id,
      role: campaign.audience === 'principals' ? 'principal' : 'teacher',
      countFields: [],
    });
    const lagging = tallies.filter((t) => t.answered < t.expected);
    if (!(await claimJobRun(tx, `escalation:${round.id}`, now, lagging.length ? 'sent' : 'nothing-lagging', { schools: lagging.length }))) return 0;
    if (lagging.length === 0) return 0;
    const text = o.present.laggingText({
      title: campaign.title,
      period: round.period,
      due: formatLocal(round.dueAt, calendar.timezone),
      workdays: o.afterWorkdays,
      // The exact 汇总 that shows this campaign's round, even after the next round has opened.
      command: summaryTexts.command(/\s/.test(campaign.title) ? campaign.code : campaign.title, round.period),
      schools: lagging.map((t) => ({ town: t.town, school: t.school, answered: t.answered, expected: t.expected })),
    });
    const sendAt = calendar.nextWindowOpening(now);
    await enqueueMessages(
      tx,
      now,
      // The bureau's chat, or its officers 1:1 while it has none.
      (await listBureauDestinations(tx)).map(({ id, to }) => ({
        key: outboxKey('escalate', round.id, id),
        kind: 'escalation',
        to,
        msgType: 'text' as const,
        content: { text },
        notBefore: sendAt,
      })),
    );
    return lagging.length;
  });
}
