import type { Db } from '../../db/database.js';
import type { Campaign } from '../../db/queries/campaigns.js';
import { claimJobRun } from '../../db/queries/job-runs.js';
import { enqueueMessages, outboxKey, type OutgoingMessage } from '../../db/queries/outbox.js';
import { listActivePrincipals, listMissingRespondents, listSchoolsWithChats } from '../../db/queries/people.js';
import { listActiveCampaignsWithCurrentRound, type Round } from '../../db/queries/rounds.js';
import { tallyRoundBySchool } from '../../db/queries/summary.js';
import type { ReminderStep } from '../../model/campaign-definition.js';
import { reminderInstant, type ScheduleContext } from '../campaigns/round-schedule.js';
import { formatLocal, localDate } from '../time/zoned-time.js';
import { chargeReminders, splitByReminderBudget } from './reminder-budget.js';
import { directDeadlineReminders, type DirectRemindersOutcome } from './direct-reminders.js';
import type { MessagePresenter } from '../messages/message-presenter.js';
import { responseTexts } from '../../texts/response-texts.js';

export type RemindersReport = {
  steps: {
    campaign: string;
    step: string;
    period: string;
    messages: number;
    outcome: string;
    /** The deadline morning's 1:1 reminders to teachers (提醒方式 私聊 or 都), when any school has them. */
    teachers1to1?: DirectRemindersOutcome;
  }[];
};

type StepContext = { campaign: Campaign; round: Round; step: ReminderStep; now: Date; timezone: string; present: MessagePresenter };

/**
 * Runs each reminder step of each campaign's current round once, at or after its moment and
 * before the deadline, to the people who still owe an answer (or their principals). A step whose
 * moment passed together with the deadline is dropped; when a tick catches up on several steps
 * only the latest goes out. Both are recorded, so they are counted and never retried.
 */
export async function sendReminders(db: Db, now: Date, o: { schedule: ScheduleContext; present: MessagePresenter }): Promise<RemindersReport> {
  const { schedule, present } = o;
  const { timezone } = schedule;
  const report: RemindersReport = { steps: [] };
  for (const { campaign, round } of await listActiveCampaignsWithCurrentRound(db, now)) {
    if (!round) continue;
    const due = campaign.definition.reminders
      .map((step) => ({ step, at: reminderInstant(round.dueAt, step, schedule) }))
      .filter(({ step, at }) => at.getTime() <= now.getTime() && step.daysBefore >= 0)
      .sort((a, b) => a.at.getTime() - b.at.getTime());
    for (const [i, { step }] of due.entries()) {
      const key = `reminder:${round.id}:${step.step}`;
      const superseded = i < due.length - 1;
      if (superseded || now.getTime() >= round.dueAt.getTime()) {
        const outcome = superseded ? 'skipped-superseded' : 'skipped-deadline-passed';
        if (await claimJobRun(db, key, now, outcome)) report.steps.push({ campaign: campaign.code, step: step.step, period: round.period, messages: 0, outcome });
        continue;
      }
      // Outside the sending window the step waits for a tick inside it, so the list of people who
      // still owe is taken when the reminder goes, not hours before.
      if (schedule.calendar && !schedule.calendar.isInSendingWindow(now)) continue;
      await db.transaction(async (tx) => {
        if (!(await claimJobRun(tx, key, now, 'sent'))) return;
        const ctx = { campaign, round, step, now, timezone, present };
        const { messages, direct } = step.to === 'principals' ? await principalReminders(tx, ctx) : { messages: await respondentReminders(tx, ctx), direct: undefined };
        await enqueueMessages(tx, now, messages);
        report.steps.push({ campaign: campaign.code, step: step.step, period: round.period, messages: messages.length, outcome: 'sent', ...(direct ? { teachers1to1: direct } : {}) });
      });
    }
  }
  return report;
}

const respondentRole = (campaign: Campaign) => (campaign.audience === 'principals' ? 'principal' : 'teacher');

/** 1:1 to each person who still owes this round's answer. */
async function respondentReminders(db: Db, o: StepContext): Promise<OutgoingMessage[]> {
  const missing = await listMissingRespondents(db, o.round.id, respondentRole(o.campaign));
  // Only while they owe an answer, and never past the budget per round.
  const { allowed } = await splitByReminderBudget(db, o.round.id, missing);
  const due = formatLocal(o.round.dueAt, o.timezone);
  const messages: OutgoingMessage[] = [];
  for (const person of allowed) {
    const key = outboxKey('remind', o.round.id, o.step.step, person.id);
    await chargeReminders(db, o.round.id, [person.id], key, o.now);
    messages.push({
      key,
      kind: 'reminder',
      to: { openId: person.openId },
      msgType: 'text',
      content: {
        text: o.present.respondentReminderText({
          name: person.name,
          honorific: responseTexts.honorific(respondentRole(o.campaign)),
          period: o.round.period,
          title: o.campaign.title,
          due,
        }),
      },
      notBefore: o.now,
    });
  }
  return messages;
}

/**
 * 1:1 to each principal whose school still has teachers without an answer, naming exactly them;
 * on the deadline morning (the step of the due day) also 1:1 to those teachers where the school
 * asked for it (提醒方式 私聊 or 都).
 */
async function principalReminders(db: Db, o: StepContext): Promise<{ messages: OutgoingMessage[]; direct: DirectRemindersOutcome | undefined }> {
  const [schools, missing, principals, tallies] = await Promise.all([
    listSchoolsWithChats(db),
    listMissingRespondents(db, o.round.id, 'teacher'),
    listActivePrincipals(db),
    tallyRoundBySchool(db, { roundId: o.round.id, role: 'teacher', countFields: [] }),
  ]);
  const dueText = formatLocal(o.round.dueAt, o.timezone);
  const dueToday = localDate(o.round.dueAt, o.timezone) === localDate(o.now, o.timezone);
  const messages: OutgoingMessage[] = [];
  for (const school of schools) {
    const names = missing.filter((t) => t.schoolId === school.id).map((t) => t.name);
    if (names.length === 0) continue;
    const expected = tallies.find((t) => t.schoolId === school.id)?.expected ?? names.length;
    for (const principal of principals.filter((p) => p.schoolId === school.id)) {
      messages.push({
        key: outboxKey('remind', o.round.id, o.step.step, principal.id),
        kind: 'principal-reminder',
        to: { openId: principal.openId },
        msgType: 'interactive',
        content: o.present.principalReminderCard({
          period: o.round.period,
          campaignTitle: o.campaign.title,
          principalName: principal.name,
          school: school.name,
          due: dueText,
          dueToday,
          expected,
          missing: names,
          roundId: o.round.id,
          schoolId: school.id,
          reminderMode: school.reminderMode,
        }),
        notBefore: o.now,
      });
    }
  }
  const deadlineMorning = o.step.daysBefore === 0 && o.campaign.audience === 'teachers';
  const direct = deadlineMorning ? await directDeadlineReminders(db, { ...o, step: o.step.step, missing }) : undefined;
  return { messages: [...messages, ...(direct?.messages ?? [])], direct: direct?.outcome };
}
