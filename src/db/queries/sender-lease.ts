import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { senderLease } from '../schema/index.js';

/**
 * Takes or renews the lease on `name` for `holder`: true while it is theirs. A lease nobody
 * renewed for `ttlMs` passes to whoever asks next.
 *
 * The database's clock, not the app's: holders are instances whose clocks differ, tests freeze
 * the app clock while real time runs, and a lease is about real time between instances.
 */
export async function takeLease(db: Db, name: string, holder: string, ttlMs: number): Promise<boolean> {
  const expiresAt = sql`clock_timestamp() + ${ttlMs} * interval '1 millisecond'`;
  const rows = await db
    .insert(senderLease)
    .values({ name, holder, expiresAt })
    .onConflictDoUpdate({
      target: senderLease.name,
      set: { holder, expiresAt },
      setWhere: sql`${senderLease.holder} = ${holder} or ${senderLease.expiresAt} < clock_timestamp()`,
    })
    .returning({ holder: senderLease.holder });
  return rows.length === 1;
}

/**
 * Extends the lease for the holder that has it: false when it is no longer theirs (taken over, or
 * given back). Never creates one: a renewal that arrives after a release must not bring it back.
 */
export async function renewLease(db: Db, name: string, holder: string, ttlMs: number): Promise<boolean> {
  const rows = await db
    .update(senderLease)
    .set({ expiresAt: sql`clock_timestamp() + ${ttlMs} * interval '1 millisecond'` })
    .where(and(eq(senderLease.name, name), eq(senderLease.holder, holder)))
    .returning({ holder: senderLease.holder });
  return rows.length === 1;
}

export async function releaseLease(db: Db, name: string, holder: string): Promise<void> {
  await db.delete(senderLease).where(and(eq(senderLease.name, name), eq(senderLease.holder, holder)));
}
