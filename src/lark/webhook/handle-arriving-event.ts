import { claimArrivingEvent, recordReceivedEvent, type ArrivingEvent } from '../../db/queries/inbox.js';
import type { Deps } from '../../deps.js';
import { dispatchEnvelope } from './event-dispatcher.js';

export type ArrivingOutcome = { outcome: 'handled' | 'duplicate' | 'ignored'; result: unknown };

/**
 * Handles an event inside its request, before the 200: the handler's one transaction writes the
 * dedup row (already done), the effect and any reply. A type Ducha has no handler for only gets
 * its dedup row. Throws when handling fails: nothing is written then, and the caller stores it.
 */
export async function handleArrivingEvent(deps: Deps, envelope: unknown, arriving: ArrivingEvent): Promise<ArrivingOutcome> {
  const claim = claimArrivingEvent(arriving);
  const { handled, result } = await dispatchEnvelope(deps, envelope, claim);
  if (handled) return { outcome: claim.taken() ? 'handled' : 'duplicate', result };
  const fresh = await recordReceivedEvent(deps.db, { ...arriving, payload: null, processedAt: arriving.receivedAt });
  return { outcome: fresh ? 'ignored' : 'duplicate', result };
}
