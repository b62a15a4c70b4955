import { randomUUID } from 'node:crypto';
import type { Deps } from '../deps.js';
import { openDueRounds, type OpenRoundsReport } from './open-due-rounds.js';
import { recoverStaleEvents } from './recover-stale-events.js';
import { sendPrincipalReminders, type RemindersReport } from './send-principal-reminders.js';

export type TickReport = {
  at: string;
  rounds: OpenRoundsReport;
  reminders: RemindersReport;
  recovered: { retried: number; failed: number };
};

/**
 * Does everything scheduled at or before `now` that is not done yet. Idempotent: two ticks at the
 * same instant, or two processes ticking together, do the work once (unique keys in Postgres).
 */
export async function tick(deps: Deps, now: Date = deps.clock.now()): Promise<TickReport> {
  const log = deps.log.child({ job: 'tick', jobId: randomUUID(), at: now.toISOString() });
  const timezone = deps.config.timezone;
  const rounds = await openDueRounds(deps.db, now, timezone);
  const reminders = await sendPrincipalReminders(deps.db, now, timezone);
  const recovered = await recoverStaleEvents(deps, now);
  log.info('tick done', { opened: rounds.opened, reminderSteps: reminders.steps, recovered });
  deps.deliverSoon();
  return { at: now.toISOString(), rounds, reminders, recovered };
}
