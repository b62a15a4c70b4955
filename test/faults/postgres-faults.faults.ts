import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { and, eq } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { SettableClock } from '../../src/clock.js';
import { openPostgres } from '../../src/db/open-postgres.js';
import type { Database } from '../../src/db/database.js';
import { MONTHLY_CAMPAIGN_CODE, requireCampaign } from '../../src/db/queries/campaigns.js';
import { people, receivedEvents, responses, rounds } from '../../src/db/schema/index.js';
import { importRoster } from '../../src/domain/roster/import-roster.js';
import { prepareDatabase } from '../../src/entry/prepare-database.js';
import { deliverEnvelope } from '../../src/lark/sandbox/deliver-event.js';
import { createOpenApiRoutes } from '../../src/lark/sandbox/open-api-routes.js';
import { sandboxAppEnv, SandboxState } from '../../src/lark/sandbox/sandbox-state.js';
import { startDuchaProcess, type DuchaProcess } from '../helpers/ducha-process.js';
import { inParallel, messageEvent, type Envelope } from '../helpers/lark-traffic.js';
import { startPrivatePostgres, type PrivatePostgres } from '../helpers/private-postgres.js';
import { stormRoster } from './duplicate-storm.js';
import { sleep, until } from '../helpers/until.js';

/**
 * Postgres in trouble under a flow of events: its connections killed (pg_terminate_backend) again
 * and again, then the server stopped and started again. Ducha runs as a real process configured
 * as a real Lark app; Lark is a sandbox in the test process that re-sends every event not
 * answered with 200, as Lark does (on a compressed schedule). The server must recover by itself,
 * store what Lark re-sends, and lose nothing it acknowledged.
 *
 * The Postgres here is a throwaway server of its own (test/helpers/private-postgres.ts), so the
 * restart takes down no one else's database.
 */

const START = '2026-12-02T10:00:00+08:00';
const DATABASE = 'ducha_faults';
/** Lark's retry schedule (15 s, 5 min, 1 h, 6 h), compressed: a re-send comes soon, and keeps coming. */
const RESEND_AFTER_MS = [200, 400, 800, 1500, 2000];
const MAX_SENDS = 60;

describe('Postgres connections killed and Postgres restarted while events flow', () => {
  let pg: PrivatePostgres | undefined;
  let lark: ServerType | undefined;
  let ducha: DuchaProcess | undefined;
  let database: Database | undefined;

  afterAll(async () => {
    ducha?.child.kill('SIGKILL');
    await ducha?.exited;
    await new Promise((r) => (lark ? lark.close(r) : r(undefined)));
    await database?.close().catch(() => {});
    // Whatever happened, the server is stopped and its folder removed (it was never anyone else's).
    await pg?.destroy();
  });

  it('recovers by itself, stores what Lark re-sends, and loses nothing it acknowledged', async () => {
    pg = await startPrivatePostgres();
    const admin = postgres(pg.url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${DATABASE}`);
    await admin.end();
    const url = pg.url.replace(/\/postgres$/, `/${DATABASE}`);

    // The roster is there before Ducha's first tick opens December's round.
    const roster = stormRoster(6, 10);
    database = openPostgres(url, { max: 2 });
    await prepareDatabase(database);
    const clock = new SettableClock(new Date(START));
    await importRoster(database.db, clock.now(), roster);
    const state = new SandboxState(clock);
    lark = serve({ fetch: createOpenApiRoutes(state).fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => lark!.once('listening', r));
    ducha = await startDuchaProcess({
      DATABASE_URL: url,
      PORT: '0',
      DUCHA_TICK_CRON: '*/2 * * * * *',
      DUCHA_SANDBOX_CLOCK: START,
      ...sandboxAppEnv(`http://127.0.0.1:${(lark.address() as AddressInfo).port}`),
    });
    state.appUrl = ducha.url;

    // The tick (every 2 s) opens December's round: one prompt card per school chat.
    expect(await until(() => state.botMessages().filter((m) => m.chat_id.startsWith('oc_storm_school_')).length >= 6, 30_000)).toBe(true);

    // Every teacher checks in (text, school chat); every principal asks for help 1:1.
    const events = roster.map((row, i) => {
      const values = { home_visits: 1 + (i % 9), phone_followups: i % 4, new_alerts: i % 2 };
      const text = row.role === 'teacher' ? `走访${values.home_visits}户 电话${values.phone_followups}户 新增预警${values.new_alerts}人` : '帮助';
      const { envelope, messageId } = messageEvent(state, { openId: row.openId, text, ...(row.role === 'teacher' ? { chatId: row.chatId! } : {}) });
      return { row, values, envelope, messageId, acknowledged: false, sends: 0, statuses: [] as number[] };
    });

    let databaseDown = false;
    let unacknowledgedWhileDown = 0;
    /** Lark: sends an event until it gets a 200, waiting a little longer each time. */
    const larkDelivers = async (event: (typeof events)[number]) => {
      while (!event.acknowledged) {
        if (event.sends >= MAX_SENDS || ducha!.child.exitCode !== null) {
          const log = ducha!.stderr().split('\n').filter((l) => /"level":"(warn|error)"/.test(l)).slice(-15).join('\n');
          const tail = ducha!.stderr().split('\n').filter((l) => !l.startsWith('{')).slice(-30).join('\n');
          throw new Error(
            `event of ${event.row.openId} never acknowledged (answers: ${event.statuses.join(' ')}); Ducha exit code ${ducha!.child.exitCode}, ` +
              `its last warnings:\n${log}\nand other output:\n${tail}`,
          );
        }
        const wasDown = databaseDown;
        event.sends++;
        const status = await deliverEnvelope(state, '/lark/events', event.envelope as Envelope).then(
          (r) => r.status,
          () => 0,
        );
        event.statuses.push(status);
        if (status === 200) {
          event.acknowledged = true;
          // Acknowledged while Postgres was down all along would mean acknowledged and not stored.
          expect(wasDown && databaseDown, 'a 200 while Postgres was down').toBe(false);
        } else {
          if (wasDown && databaseDown) unacknowledgedWhileDown++;
          expect([0, 500, 503]).toContain(status);
          await sleep(RESEND_AFTER_MS[Math.min(event.sends - 1, RESEND_AFTER_MS.length - 1)]!);
        }
      }
    };

    // Wave 1 flows while connections are killed every 300 ms.
    let terminated = 0;
    let kills = 0;
    const wave1 = events.slice(0, 30);
    const killing = (async () => {
      for (let i = 0; i < 10; i++) {
        terminated += await pg!.terminateConnections(DATABASE);
        kills++;
        await sleep(300);
      }
    })();
    await Promise.all([
      killing,
      inParallel(wave1, 3, async (e) => {
        await sleep(50);
        await larkDelivers(e);
      }),
    ]);

    // Wave 2 starts while Postgres is stopped: nothing can be stored, so nothing may be acknowledged.
    pg.stop();
    databaseDown = true;
    const wave2 = events.slice(30);
    const delivering = inParallel(wave2, 4, larkDelivers);
    expect(await until(() => unacknowledgedWhileDown >= 4, 20_000, 200)).toBe(true);
    await sleep(1_000);
    pg.start();
    databaseDown = false;
    // …and more kills once it is back.
    for (let i = 0; i < 4; i++) {
      terminated += await pg.terminateConnections(DATABASE);
      kills++;
      await sleep(300);
    }
    await delivering;
    expect(events.every((e) => e.acknowledged)).toBe(true);

    // Recovered by itself: the same process, ready again.
    expect(ducha.child.exitCode).toBeNull();
    expect(
      await until(async () => (await fetch(ducha!.url + '/readyz').catch(() => undefined))?.status === 200, 30_000),
    ).toBe(true);

    // Nothing acknowledged is lost: each event answered once (a handler cut off mid-way is picked
    // up by the tick after 30 s), each check-in stored once with its values.
    const replies = (id: string) => state.botMessages().filter((m) => m.parent_id === id).length;
    const answered = () => events.every((e) => replies(e.messageId) >= 1);
    expect(await until(answered, 90_000, 200), `unanswered: ${events.filter((e) => replies(e.messageId) === 0).map((e) => e.row.openId).join(', ')}`).toBe(true);
    await sleep(1_000);
    for (const e of events) expect(replies(e.messageId), e.row.openId).toBe(1);

    const stored = await database.db.select().from(receivedEvents);
    for (const e of events) {
      const rows = stored.filter((r) => r.messageId === e.messageId);
      expect(rows, e.row.openId).toHaveLength(1);
      expect(rows[0]!.processedAt).not.toBeNull();
      expect(rows[0]!.payload).toBeNull();
    }
    const campaign = await requireCampaign(database.db, MONTHLY_CAMPAIGN_CODE);
    const answers = await database.db
      .select({ openId: people.openId, answers: responses.answers, revisions: responses.revisions })
      .from(responses)
      .innerJoin(people, eq(people.id, responses.personId))
      .innerJoin(rounds, eq(rounds.id, responses.roundId))
      .where(and(eq(rounds.campaignId, campaign.id), eq(rounds.period, '2026-12')));
    const teachers = events.filter((e) => e.row.role === 'teacher');
    expect(answers).toHaveLength(teachers.length);
    for (const e of teachers) {
      const row = answers.find((a) => a.openId === e.row.openId);
      expect(row?.answers, e.row.openId).toMatchObject(e.values);
      expect(row?.revisions, e.row.openId).toBe(0);
    }
    const bot = state.botMessages();
    expect(new Set(bot.map((m) => m.uuid)).size).toBe(bot.length);

    const deliveries = events.reduce((n, e) => n + e.sends, 0);
    console.log(
      `postgres faults: ${events.length} events, ${deliveries} deliveries (${deliveries - events.length} re-sent after a 5xx or a dropped connection, ` +
        `${unacknowledgedWhileDown} refused while Postgres was down), ${kills} kill rounds ending ${terminated} connections, 1 restart; ` +
        `${events.length} acknowledged, ${events.length} answered once, ${teachers.length} check-ins stored once, 0 lost, 0 failures`,
    );
  }, 240_000);
});
