import { buildPrincipalReminderCard } from '../cards/reminder-card.js';
import type { Db } from '../db/client.js';
import { claimJobRun } from '../db/queries/job-runs.js';
import { enqueueMessages, outboxKey, type OutgoingMessage } from '../db/queries/outbox.js';
import { listActivePrincipals, listMissingTeachers, listSchoolsWithChats } from '../db/queries/people.js';
import { tallyRoundBySchool } from '../db/queries/summary.js';
import { findCurrentRound, MONTHLY_CAMPAIGN_CODE, requireCampaign } from '../db/queries/rounds.js';
import { reminderInstant } from '../domain/rounds/monthly-schedule.js';
import { formatLocal, localDate } from '../domain/time/zoned-time.js';

export type RemindersReport = { steps: { step: string; period: string; principals: number; outcome: string }[] };

/**
 * Runs each reminder step of the current round once, at or after its moment and before the
 * deadline: every principal whose school still has teachers without a check-in gets a 1:1 card
 * naming exactly them. A step whose moment passed together with the deadline is dropped, and when
 * a tick catches up on several steps only the latest goes out.
 */
export async function sendPrincipalReminders(db: Db, now: Date, timezone: string): Promise<RemindersReport> {
  const report: RemindersReport = { steps: [] };
  const campaign = await requireCampaign(db, MONTHLY_CAMPAIGN_CODE);
  const round = await findCurrentRound(db, campaign.id, now);
  if (!round) return report;
  const due = campaign.schedule.reminders
    .map((step) => ({ ...step, at: reminderInstant(round.dueAt, step, timezone) }))
    .filter((step) => step.at.getTime() <= now.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime());

  for (const [i, step] of due.entries()) {
    const key = `reminder:${round.id}:${step.step}`;
    const superseded = i < due.length - 1;
    const tooLate = now.getTime() >= round.dueAt.getTime();
    if (superseded || tooLate) {
      if (await claimJobRun(db, key, now, superseded ? 'skipped-superseded' : 'skipped-deadline-passed')) {
        report.steps.push({ step: step.step, period: round.period, principals: 0, outcome: 'skipped' });
      }
      continue;
    }
    await db.transaction(async (tx) => {
      if (!(await claimJobRun(tx, key, now, 'sent'))) return;
      const messages = await principalReminders(tx, { roundId: round.id, period: round.period, dueAt: round.dueAt, step: step.step, now, timezone });
      await enqueueMessages(tx, now, messages);
      report.steps.push({ step: step.step, period: round.period, principals: messages.length, outcome: 'sent' });
    });
  }
  return report;
}

async function principalReminders(
  db: Db,
  o: { roundId: number; period: string; dueAt: Date; step: string; now: Date; timezone: string },
): Promise<OutgoingMessage[]> {
  const [schools, missing, principals, tallies] = await Promise.all([
    listSchoolsWithChats(db),
    listMissingTeachers(db, o.roundId),
    listActivePrincipals(db),
    tallyRoundBySchool(db, o.roundId),
  ]);
  const dueText = formatLocal(o.dueAt, o.timezone);
  const dueToday = localDate(o.dueAt, o.timezone) === localDate(o.now, o.timezone);
  const messages: OutgoingMessage[] = [];
  for (const school of schools) {
    const names = missing.filter((t) => t.schoolId === school.id).map((t) => t.name);
    if (names.length === 0) continue;
    const expected = tallies.find((t) => t.schoolId === school.id)?.expected ?? names.length;
    for (const principal of principals.filter((p) => p.schoolId === school.id)) {
      messages.push({
        key: outboxKey('remind', o.roundId, o.step, principal.id),
        kind: 'principal-reminder',
        to: { openId: principal.openId },
        msgType: 'interactive',
        content: buildPrincipalReminderCard({
          period: o.period,
          principalName: principal.name,
          school: school.name,
          due: dueText,
          dueToday,
          expected,
          missing: names,
          value: { action: 'nudge', round_id: o.roundId, school_id: school.id },
        }),
        notBefore: o.now,
      });
    }
  }
  return messages;
}
