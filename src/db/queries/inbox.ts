import { and, asc, eq, isNull, lt, notInArray } from 'drizzle-orm';
import type { Db } from '../database.js';
import { receivedEvents } from '../schema/index.js';

/**
 * Stores an accepted event once. False means Lark sent it before (same event_id, or the same
 * message under a new event_id): the caller acknowledges and does nothing else. An event handled
 * as it arrives is stored already done (`processedAt`), with no payload.
 */
export async function recordReceivedEvent(
  db: Db,
  event: {
    eventId: string;
    messageId: string | null;
    eventType: string;
    payload: unknown;
    receivedAt: Date;
    processedAt?: Date;
    /** An event whose handling in its request failed: stored with that attempt, for the tick to retry. */
    failed?: { attempts: number; lastError: string };
  },
): Promise<boolean> {
  const { failed, ...row } = event;
  const inserted = await db
    .insert(receivedEvents)
    .values({ ...row, attempts: failed?.attempts, lastError: failed?.lastError.slice(0, 500) })
    .onConflictDoNothing()
    .returning({ eventId: receivedEvents.eventId });
  return inserted.length === 1;
}

/** Locks an unprocessed event for the transaction that handles it; false if already handled (or being handled). */
export async function claimReceivedEvent(db: Db, eventId: string): Promise<boolean> {
  const rows = await db
    .select({ eventId: receivedEvents.eventId })
    .from(receivedEvents)
    .where(and(eq(receivedEvents.eventId, eventId), isNull(receivedEvents.processedAt)))
    .for('update', { skipLocked: true });
  return rows.length > 0;
}

export async function loadReceivedEventPayload(db: Db, eventId: string): Promise<unknown> {
  const [row] = await db
    .select({ payload: receivedEvents.payload })
    .from(receivedEvents)
    .where(and(eq(receivedEvents.eventId, eventId), isNull(receivedEvents.processedAt)));
  return row?.payload ?? undefined;
}

/** Done: the content is dropped, only the dedup keys stay. */
export async function markEventProcessed(db: Db, eventId: string, now: Date): Promise<void> {
  await db
    .update(receivedEvents)
    .set({ processedAt: now, payload: null, lastError: null })
    .where(eq(receivedEvents.eventId, eventId));
}

export async function markEventFailed(db: Db, eventId: string, error: string, attempts: number): Promise<void> {
  await db.update(receivedEvents).set({ lastError: error.slice(0, 500), attempts }).where(eq(receivedEvents.eventId, eventId));
}

/** Events accepted but never handled (the process died after the 200): picked up again by the tick. */
export async function listStaleEvents(db: Db, olderThan: Date, limit: number) {
  return db
    .select({ eventId: receivedEvents.eventId, attempts: receivedEvents.attempts })
    .from(receivedEvents)
    .where(and(isNull(receivedEvents.processedAt), lt(receivedEvents.receivedAt, olderThan)))
    .orderBy(asc(receivedEvents.receivedAt))
    .limit(limit);
}

/**
 * Events acknowledged and waiting their first handling (none that failed: the stale-event tick
 * retries those, with its limit), oldest first, leaving out `skip` (those being handled).
 */
export async function listUnhandledEvents(db: Db, limit: number, skip: readonly string[]): Promise<{ eventId: string; payload: unknown }[]> {
  return db
    .select({ eventId: receivedEvents.eventId, payload: receivedEvents.payload })
    .from(receivedEvents)
    .where(
      and(
        isNull(receivedEvents.processedAt),
        eq(receivedEvents.attempts, 0),
        skip.length > 0 ? notInArray(receivedEvents.eventId, [...skip]) : undefined,
      ),
    )
    .orderBy(asc(receivedEvents.receivedAt))
    .limit(limit);
}

/**
 * How a handler takes its event inside the transaction that handles it, so that the effect and
 * the event's done mark commit together (or not at all).
 */
export type EventClaim = {
  /** Takes the event for this transaction; false when it is handled already (or being handled). */
  take(tx: Db): Promise<boolean>;
  /** Marks it done, in the same transaction. */
  done(tx: Db, now: Date): Promise<void>;
};

/** An event stored at its 200 and handled after it: its row is locked, then marked done. */
export const claimStoredEvent = (eventId: string): EventClaim => ({
  take: (tx) => claimReceivedEvent(tx, eventId),
  done: (tx, now) => markEventProcessed(tx, eventId, now),
});

export type ArrivingEvent = { eventId: string; messageId: string | null; eventType: string; receivedAt: Date };

/**
 * An event handled inside its request, before the 200: its dedup row is written already done
 * (no payload to keep), in the handling transaction. A duplicate finds the row and does nothing;
 * if handling fails, nothing was written and the request falls back to storing it.
 */
export function claimArrivingEvent(event: ArrivingEvent): EventClaim & { taken(): boolean } {
  let taken = false;
  return {
    async take(tx) {
      taken = await recordReceivedEvent(tx, { ...event, payload: null, processedAt: event.receivedAt });
      return taken;
    },
    done: async () => {},
    /** Whether the handler took it (false: a duplicate, or a type no handler claims). */
    taken: () => taken,
  };
}
