import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeSenderLease } from '../../src/lark/outbox/sender-lease.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { sleep } from '../helpers/until.js';

describe('the outbox sender lease (one sender per app, across Node processes and Workers)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('has one holder at a time, and passes on when given back', async () => {
    const first = await takeSenderLease(database.db);
    expect(first).toBeDefined();
    expect(await takeSenderLease(database.db)).toBeUndefined();
    await first!.release();
    const second = await takeSenderLease(database.db);
    expect(second).toBeDefined();
    await second!.release();
  });

  it('stays with a live holder past its ttl, because the holder keeps renewing it', async () => {
    const holder = await takeSenderLease(database.db, { ttlMs: 300 });
    await sleep(900);
    expect(holder!.lost.aborted).toBe(false);
    expect(await takeSenderLease(database.db, { ttlMs: 300 })).toBeUndefined();
    await holder!.release();
  });

  it('passes to the next instance once a dead holder stops renewing, and the old one learns it lost it', async () => {
    const holder = await takeSenderLease(database.db, { ttlMs: 60_000 });
    // What a holder that died leaves behind: a lease nobody renews, past its expiry.
    await database.db.execute(sql`update sender_lease set expires_at = clock_timestamp() - interval '1 second'`);
    const next = await takeSenderLease(database.db, { ttlMs: 60_000 });
    expect(next).toBeDefined();
    // The old holder gives back only what it still holds: nothing, so the new holder keeps it.
    await holder!.release();
    expect(await takeSenderLease(database.db)).toBeUndefined();
    await next!.release();
  });

  it('once given back, is free at once, even when a renewal was under way', async () => {
    // Renewing every 10 ms, released at random moments: some releases meet a renewal in flight.
    for (let round = 0; round < 40; round++) {
      const holder = await takeSenderLease(database.db, { ttlMs: 30 });
      expect(holder).toBeDefined();
      await sleep(Math.random() * 25);
      await holder!.release();
      const next = await takeSenderLease(database.db, { ttlMs: 60_000 });
      expect(next, `round ${round}: the lease came back to its old holder`).toBeDefined();
      await next!.release();
    }
  });

  it('tells a holder that lost the lease to stop sending', async () => {
    const holder = await takeSenderLease(database.db, { ttlMs: 300 });
    await database.db.execute(sql`update sender_lease set holder = 'someone else', expires_at = clock_timestamp() + interval '1 minute'`);
    await sleep(500);
    expect(holder!.lost.aborted).toBe(true);
    await holder!.release();
    expect(await takeSenderLease(database.db)).toBeUndefined();
    await database.db.execute(sql`delete from sender_lease`);
  });
});
