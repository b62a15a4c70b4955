import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { enqueueMessages } from '../../src/db/queries/outbox.js';
import { outbox } from '../../src/db/schema/index.js';
import { createOpenApiRoutes } from '../../src/lark/sandbox/open-api-routes.js';
import { sandboxAppEnv, SandboxState } from '../../src/lark/sandbox/sandbox-state.js';
import { startDuchaProcess, type DuchaProcess } from '../helpers/ducha-process.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { sleep, until } from '../helpers/until.js';

const BURST = 600;

/**
 * Lark here is a sandbox in the test process, so it outlives the Ducha process that is killed:
 * Ducha runs as with a real Lark app, pointed at it through LARK_DOMAIN.
 */
describe.runIf(process.env.DATABASE_URL)('kill -9 of the sender in the middle of a burst', () => {
  let database: TestDatabase;
  let lark: ServerType;
  const instances: DuchaProcess[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const i of instances) i.child.kill('SIGKILL');
    await Promise.all(instances.map((i) => i.exited));
    await new Promise((r) => lark?.close(r));
    await database?.close();
  });

  it('loses nothing and doubles nothing after a restart', async () => {
    const state = new SandboxState(systemClock);
    lark = serve({ fetch: createOpenApiRoutes(state).fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => lark.once('listening', r));
    const larkUrl = `http://127.0.0.1:${(lark.address() as AddressInfo).port}`;

    const now = new Date();
    await enqueueMessages(
      database.db,
      now,
      Array.from({ length: BURST }, (_, i) => ({
        key: `burst:${i}`,
        kind: 'test',
        to: { chatId: `oc_burst_${i % 150}` },
        msgType: 'text' as const,
        content: { text: `burst ${i}` },
        notBefore: now,
      })),
    );
    const env = {
      DATABASE_URL: database.url!,
      PORT: '0',
      DUCHA_CRON: 'off',
      ...sandboxAppEnv(larkUrl),
    };

    const first = await startDuchaProcess(env);
    instances.push(first);
    expect(await until(() => state.botMessages().length >= 150, 60_000, 50)).toBe(true);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe(null);
    const beforeRestart = state.botMessages().length;
    expect(beforeRestart).toBeLessThan(BURST);

    // Stands in for waiting out the 60-second lease of the rows the dead process had claimed…
    await database.db.execute(sql`update outbox set claimed_until = now() - interval '1 second' where status = 'sending'`);
    // …and the dead sender's 15-second lease on being the app's sender.
    await database.db.execute(sql`update sender_lease set expires_at = now() - interval '1 second'`);
    instances.push(await startDuchaProcess(env));
    expect(await until(() => state.botMessages().length >= BURST, 90_000, 50)).toBe(true);
    await sleep(1500);

    // Nothing doubled: Lark kept each uuid, and each text, exactly once.
    const messages = state.botMessages();
    expect(messages).toHaveLength(BURST);
    expect(new Set(messages.map((m) => m.uuid)).size).toBe(BURST);
    expect(new Set(messages.map((m) => m.text)).size).toBe(BURST);
    // Nothing lost: every row is marked sent, with the message id Lark gave its uuid.
    const rows = await database.db.select().from(outbox).where(eq(outbox.kind, 'test'));
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(BURST);
    const byUuid = new Map(messages.map((m) => [m.uuid, m.message_id]));
    for (const row of rows) expect(row.larkMessageId).toBe(byUuid.get(row.key));
    const resent = [...state.sendRequests.values()].filter((n) => n > 1).length;
    console.log(`kill -9 after ${beforeRestart}/${BURST} delivered; ${resent} uuid(s) sent twice and deduplicated by Lark`);
  }, 180_000);

  it("keeps two running instances together within Lark's limits: one sends, the other stands by", async () => {
    const state = new SandboxState(systemClock);
    const second = serve({ fetch: createOpenApiRoutes(state).fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => second.once('listening', r));
    try {
      const larkUrl = `http://127.0.0.1:${(second.address() as AddressInfo).port}`;
      const env = {
        DATABASE_URL: database.url!,
        PORT: '0',
        DUCHA_CRON: 'off',
        ...sandboxAppEnv(larkUrl),
        // Each instance alone may use all of Lark's budget: together they must not exceed it.
        DUCHA_SEND_APP_PER_SECOND: '50',
        DUCHA_SEND_TARGET_PER_SECOND: '5',
        DUCHA_SEND_APP_PER_MINUTE: '1000',
      };
      for (const i of instances) i.child.kill('SIGKILL');
      await Promise.all(instances.map((i) => i.exited));
      // Stands in for waiting out the killed sender's lease.
      await database.db.execute(sql`update sender_lease set expires_at = now() - interval '1 second'`);
      instances.push(...(await Promise.all([startDuchaProcess(env), startDuchaProcess(env)])));
      const now = new Date();
      const targets = [...Array.from({ length: 3 }, (_, i) => ({ chatId: `oc_pair_${i}` })), ...Array.from({ length: 100 }, (_, i) => ({ openId: `ou_pair_${i}` }))];
      await enqueueMessages(
        database.db,
        now,
        Array.from({ length: 400 }, (_, i) => ({
          key: `pair:${i}`,
          kind: 'pair',
          to: i % 2 === 0 ? targets[i % 3]! : targets[3 + (i % 100)]!,
          msgType: 'text' as const,
          content: { text: `pair ${i}` },
          notBefore: now,
        })),
      );
      expect(await until(() => state.botMessages().length >= 400, 120_000, 50)).toBe(true);
      await sleep(1000);
      expect(new Set(state.botMessages().map((m) => m.uuid)).size).toBe(400);
      const app = state.rateMonitor.maxForAnyApi(1000);
      const busiest = state.rateMonitor.busiestTarget(1000);
      console.log(`two instances, 400 messages: max in any 1 s at Lark: app ${app}, one target ${busiest.max}`);
      expect(app).toBeLessThanOrEqual(50);
      expect(busiest.max).toBeLessThanOrEqual(5);
    } finally {
      await new Promise((r) => second.close(r));
    }
  }, 150_000);
});
