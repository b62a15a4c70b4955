import { randomUUID } from 'node:crypto';
import type { Deps } from '../deps.js';
import { larkPresenter } from '../lark/cards/lark-presenter.js';
import { escalateLaggingSchools, type EscalationReport } from '../domain/escalation/escalate-lagging-schools.js';
import { promptAidCheck } from '../domain/aid-check/prompt-aid-check.js';
import { loadSchoolCalendar } from '../domain/calendar/load-school-calendar.js';
import { openDueRounds, type OpenRoundsReport } from '../domain/rounds/open-due-rounds.js';
import { runDropoutJobs, type DropoutJobsReport } from '../domain/dropouts/dropout-jobs.js';
import { dropoutPresenter } from '../lark/cards/dropout-messages.js';
import { recoverStaleEvents } from '../lark/webhook/recover-stale-events.js';
import { sendReminders, type RemindersReport } from '../domain/reminders/send-reminders.js';
import { sendDailyChecks, type DailyChecksReport } from '../domain/mentoring/send-daily-checks.js';
import { dailyCheckPresenter } from '../lark/cards/daily-check-presenter.js';
import { sendQuarterlyBulletin } from '../domain/scoring/send-quarterly-bulletin.js';
import { bulletinPresenter } from '../lark/cards/bulletin-card.js';
import { remindUnacknowledgedNotices } from '../domain/notices/remind-notices.js';
import { noticePresenter } from '../lark/cards/notice-card.js';

export type TickReport = {
  at: string;
  rounds: OpenRoundsReport;
  reminders: RemindersReport;
  escalations: EscalationReport;
  dailyChecks: DailyChecksReport;
  dropouts: DropoutJobsReport;
  aidCheckPrompts: number;
  bulletins: number;
  /** Schools reminded of a notice they have not acknowledged (一月一调度). */
  noticeReminders: number;
  recovered: { retried: number; failed: number };
};

/**
 * Does everything scheduled at or before `now` that is not done yet. Idempotent: two ticks at the
 * same instant, or two processes ticking together, do the work once (unique keys in Postgres).
 */
export async function tick(deps: Deps, now: Date = deps.clock.now()): Promise<TickReport> {
  const log = deps.log.child({ job: 'tick', jobId: randomUUID(), at: now.toISOString() });
  const timezone = deps.config.timezone;
  const schedule = { timezone, ...(await loadSchoolCalendar(deps.db, timezone)) };
  const rounds = await openDueRounds(deps.db, now, { schedule, present: larkPresenter });
  const reminders = await sendReminders(deps.db, now, { schedule, present: larkPresenter });
  const escalations = await escalateLaggingSchools(deps.db, now, schedule.calendar, larkPresenter);
  const dailyChecks = await sendDailyChecks(deps.db, now, { calendar: schedule.calendar, present: dailyCheckPresenter });
  const dropouts = await runDropoutJobs(deps.db, now, { calendar: schedule.calendar, present: dropoutPresenter });
  const aidCheck = await promptAidCheck(deps.db, now, { schedule, present: larkPresenter });
  const bulletins = await sendQuarterlyBulletin(deps.db, now, { calendar: schedule.calendar, present: bulletinPresenter });
  const noticeReminders = await remindUnacknowledgedNotices(deps.db, now, { calendar: schedule.calendar, present: noticePresenter });
  const recovered = await recoverStaleEvents(deps, now);
  log.info('tick done', { opened: rounds.opened, reminderSteps: reminders.steps, escalated: escalations.escalated, recovered });
  deps.outbox.deliverSoon();
  return { at: now.toISOString(), rounds, reminders, escalations, dailyChecks, dropouts, aidCheckPrompts: aidCheck.prompted, bulletins, noticeReminders, recovered };
}
