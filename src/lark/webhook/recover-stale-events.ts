import { listStaleEvents } from '../../db/queries/inbox.js';
import type { Deps } from '../../deps.js';
import { handleStoredEvent } from './handle-stored-event.js';

const STALE_AFTER_MS = 30_000;
const MAX_ATTEMPTS = 5;

/** Events acknowledged to Lark but never handled (the process died, or handling failed) get another go. */
export async function recoverStaleEvents(deps: Deps, now: Date): Promise<{ retried: number; failed: number }> {
  const stale = await listStaleEvents(deps.db, new Date(now.getTime() - STALE_AFTER_MS), 100);
  let retried = 0;
  let failed = 0;
  for (const event of stale.filter((e) => e.attempts < MAX_ATTEMPTS)) {
    try {
      await handleStoredEvent(deps, { eventId: event.eventId, attempts: event.attempts });
      retried++;
    } catch (error) {
      failed++;
      deps.log.error('stale event still failing', { eventId: event.eventId, attempts: event.attempts + 1, error });
    }
  }
  return { retried, failed };
}
