import { claimStoredEvent, loadReceivedEventPayload, markEventFailed, markEventProcessed } from '../../db/queries/inbox.js';
import type { Deps } from '../../deps.js';
import { dispatchEnvelope } from './event-dispatcher.js';

/**
 * Handles an event stored by the webhook, after Lark has had its 200. Handlers mark their own
 * event done inside their transaction; types Ducha does not handle are marked done here.
 */
export async function handleStoredEvent(
  deps: Deps,
  event: {
    eventId: string;
    /** Failed attempts so far (a retry by the tick); 0 for a fresh event. */
    attempts: number;
    /** The payload just stored, when the caller has it: one read fewer. Handlers still claim the event in their transaction. */
    payload?: unknown;
  },
): Promise<void> {
  const { eventId, attempts } = event;
  const payload = event.payload ?? (await loadReceivedEventPayload(deps.db, eventId));
  if (payload === undefined) return;
  try {
    const { handled } = await dispatchEnvelope(deps, payload, claimStoredEvent(eventId));
    if (!handled) {
      await markEventProcessed(deps.db, eventId, deps.clock.now());
      deps.log.info('event ignored', { eventId, reason: 'no handler for its type' });
    }
  } catch (error) {
    await markEventFailed(deps.db, eventId, error instanceof Error ? error.message : String(error), attempts + 1);
    throw error;
  }
}
