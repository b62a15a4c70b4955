import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { Db } from '../database.js';
import { outbox } from '../schema/index.js';

/** Rows per state, and the oldest row still waiting to go (for `npm run cli -- outbox`). */
export async function summarizeOutbox(db: Db) {
  const byState = await db.select({ status: outbox.status, n: count() }).from(outbox).groupBy(outbox.status);
  const [oldestPending] = await db
    .select({ id: outbox.id, key: outbox.key, kind: outbox.kind, notBefore: outbox.notBefore, attempts: outbox.attempts, lastError: outbox.lastError, failingSince: outbox.failingSince })
    .from(outbox)
    .where(inArray(outbox.status, ['pending', 'sending']))
    .orderBy(asc(outbox.notBefore), asc(outbox.id))
    .limit(1);
  const dead = await db
    .select({ id: outbox.id, key: outbox.key, kind: outbox.kind, lastError: outbox.lastError })
    .from(outbox)
    .where(eq(outbox.status, 'dead'))
    .orderBy(asc(outbox.id))
    .limit(20);
  return { byState: Object.fromEntries(byState.map((r) => [r.status, r.n])), oldestPending, dead };
}

/** Puts a dead letter back in the queue, due now, with a fresh attempt count; false if it is not dead. */
export async function requeueDeadMessage(db: Db, id: number, now: Date): Promise<boolean> {
  const updated = await db
    .update(outbox)
    .set({ status: 'pending', notBefore: now, attempts: 0, claimedUntil: null, failingSince: null, deadAt: null })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'dead')))
    .returning({ id: outbox.id });
  return updated.length === 1;
}
