import { sql as drizzleSql } from 'drizzle-orm';
import postgres from 'postgres';
import { SettableClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { tick } from '../../src/jobs/tick.js';
import { sandboxAppEnv } from '../../src/lark/sandbox/sandbox-state.js';
import { silentLogger } from '../../src/log.js';
import { buildDeps } from '../../src/entry/build-deps.js';
import type { BenchRow, Scenario } from '../scenario.js';
import { createBenchDatabase } from '../support/bench-database.js';
import { recordEventSql, replayEvent, statementsFor } from '../support/event-sql.js';
import { closedLoop, openLoop, type LoadResult } from '../support/http-load.js';
import { CHECK_IN_TEXT, teacherMessage } from '../support/lark-events.js';
import { benchPort, DUCHA_ENTRY, startServer } from '../support/processes.js';
import { seedBenchRoster } from '../support/roster.js';
import { fmt, percentile } from '../support/stats.js';
import { randomBytes } from 'node:crypto';

const CONNECTIONS = 32;
const INGEST_MS = 20_000;
const CEILING_MS = 10_000;
const OFFERED_PER_SECOND = 500;
const OFFERED_MS = 10_000;
/** Enough distinct teachers that no one answers twice across the runs. */
const TEACHERS = 90_000;
const CLOCK_START = new Date('2026-12-01T10:00:00+08:00');


/** Scenario 1: signed, encrypted check-ins over real HTTP, beside the HTTP and database ceilings. */
export const ingestScenario: Scenario = {
  name: 'webhook ingest',
  async run(ctx) {
    const bench = await createBenchDatabase(ctx.databaseUrl, 'ingest');
    const sandboxPort = benchPort();
    const sandbox = await startServer({
      label: 'sandbox',
      entry: 'src/entry/sandbox.ts',
      env: { SANDBOX_PORT: String(sandboxPort) },
      port: sandboxPort,
      readyPath: '/sandbox/stats',
    });
    const env = sandboxAppEnv(sandbox.url);
    const config = loadConfig(env);
    try {
      ctx.log(`seeding ${fmt.int(TEACHERS)} teachers`);
      const teachers = await seedBenchRoster(bench.db, { counties: 1, townsPerCounty: 30, schoolsPerTown: 30, teachers: TEACHERS }, CLOCK_START);
      const deps = buildDeps({ db: bench.db, config, log: silentLogger, clock: new SettableClock(CLOCK_START, { frozen: true }), lark: config.lark!, outbox: { kind: 'manual' } });
      await tick(deps, CLOCK_START);
      // The round's prompts would otherwise go out during the run: only check-ins are measured.
      await bench.db.execute(drizzleSql`delete from outbox`);
      let nextTeacher = 0;
      const takeTeacher = () => {
        const teacher = teachers[nextTeacher++];
        if (!teacher) throw new Error('the bench ran out of teachers: raise TEACHERS');
        return teacher;
      };

      // The database ceiling: exactly this SQL, straight from postgres.js, as many at once.
      const template = takeTeacher();
      const eventSql = await recordEventSql(bench.url, config, template.openId, template.personId, CLOCK_START);
      ctx.log(`one event = ${eventSql.statements.length} statements; database ceiling run`);
      const client = postgres(bench.url, { max: 10, onnotice: () => {} });
      const dbLatencies: number[] = [];
      const dbStarted = performance.now();
      await Promise.all(
        Array.from({ length: CONNECTIONS }, async () => {
          while (performance.now() - dbStarted < CEILING_MS) {
            const { openId, personId } = takeTeacher();
            const statements = statementsFor(eventSql, {
              openId,
              personId,
              eventId: randomBytes(16).toString('hex'),
              messageId: `om_${randomBytes(16).toString('hex')}`,
            });
            const t = performance.now();
            await replayEvent(client, statements);
            dbLatencies.push(performance.now() - t);
          }
        }),
      );
      const dbPerSecond = (dbLatencies.length * 1000) / (performance.now() - dbStarted);
      await client.end();

      const serverPort = benchPort();
      const server = await startServer({
        label: 'ducha',
        entry: DUCHA_ENTRY,
        env: { ...env, DATABASE_URL: bench.url, DUCHA_CRON: 'off', DUCHA_SANDBOX_CLOCK: CLOCK_START.toISOString() },
        port: serverPort,
        readyPath: '/readyz',
      });
      const serverClock = (() => {
        const startedAt = Date.now();
        return () => new Date(CLOCK_START.getTime() + (Date.now() - startedAt));
      })();
      try {
        const idleRss = server.rssBytes();
        ctx.log('HTTP ceiling run (GET /healthz)');
        const health = await closedLoop(server.url, { connections: CONNECTIONS, durationMs: CEILING_MS, next: () => ({ method: 'GET', path: '/healthz' }) });
        const httpPerSecond = (health.answered * 1000) / health.elapsedMs;

        ctx.log('ingest run');
        const acknowledged: string[] = [];
        const events = (at: Date) => () => {
          const message = teacherMessage(takeTeacher().openId, CHECK_IN_TEXT, at);
          acknowledged.push(message.eventId);
          return message.request;
        };
        // Bodies are built (encrypted, signed) as they go; 20 µs each, a small share of the client's CPU.
        // RSS sampled through the runs and the catching up after them: the peak is what counts.
        let peakRss = 0;
        const sampler = setInterval(() => (peakRss = Math.max(peakRss, server.rssBytes())), 250);
        const ingest = await closedLoop(server.url, { connections: CONNECTIONS, durationMs: INGEST_MS, next: events(serverClock()) });
        const ingestRss = server.rssBytes();
        const ingestPerSecond = (ok(ingest) * 1000) / ingest.elapsedMs;
        // Handling runs after the 200 and shares the machine with the acknowledgements.
        const handledDuringIngest = await countWhere(bench, acknowledged, true);

        ctx.log('waiting for handling to catch up');
        const ingestCatchUp = await catchUp(bench, acknowledged);

        // Steady arrivals on a server that has caught up: acknowledgements and handling together.
        ctx.log(`offered load run (${OFFERED_PER_SECOND}/s)`);
        const offered = await openLoop(server.url, { perSecond: OFFERED_PER_SECOND, durationMs: OFFERED_MS, next: events(serverClock()) });
        const handledDuringOffered = (await countWhere(bench, acknowledged, true)) - ingestCatchUp.handled;

        // Every acknowledged event is stored, and handled once the server catches up.
        const stored = await countWhere(bench, acknowledged, false);
        const { handled, ms: offeredCatchUpMs } = await catchUp(bench, acknowledged);
        clearInterval(sampler);
        peakRss = Math.max(peakRss, ingestRss);
        const acked = ok(ingest) + ok(offered);
        const lower = Math.min(httpPerSecond, dbPerSecond);
        const offeredP99 = percentile(offered.latencies, 99);
        return [
          row('HTTP ceiling: GET /healthz, 32 connections', `${fmt.int(httpPerSecond)} req/s`),
          row('DB ceiling: one event\'s SQL via postgres.js, 32 at once', `${fmt.int(dbPerSecond)} events/s (${eventSql.statements.length} statements, p99 ${fmt.ms(percentile(dbLatencies, 99))})`),
          {
            ...row('ingest: signed, encrypted check-ins, 32 connections, 20 s', `${fmt.int(ingestPerSecond)} events/s`),
            target: '≥ 0.7 × lower ceiling',
            ceiling: `${fmt.int(lower)}/s → ${fmt.ratio(ingestPerSecond / lower)} ×`,
            met: ingestPerSecond >= 0.7 * lower,
          },
          row('ingest: time to the 200, p50 / p95 / p99', `${fmt.ms(percentile(ingest.latencies, 50))} / ${fmt.ms(percentile(ingest.latencies, 95))} / ${fmt.ms(percentile(ingest.latencies, 99))}`),
          {
            ...row(`offered ${OFFERED_PER_SECOND} events/s for 10 s (once the above was handled): p50 / p99`, `${fmt.ms(percentile(offered.latencies, 50))} / ${fmt.ms(offeredP99)}`),
            target: 'p99 ≤ 100 ms',
            met: offeredP99 <= 100,
          },
          row(
            'offered: handled meanwhile / all handled after',
            `${fmt.int(handledDuringOffered)} of ${fmt.int(ok(offered))} / ${fmt.s(offeredCatchUpMs)} more`,
          ),
          row(
            'ingest: handled meanwhile (after the 200, on the same cores) / all handled after',
            `${fmt.int(handledDuringIngest)} of ${fmt.int(ok(ingest))} (${fmt.int((handledDuringIngest * 1000) / ingest.elapsedMs)}/s) / ${fmt.s(ingestCatchUp.ms)} more`,
          ),
          {
            ...row('events stored / acknowledged (handled)', `${fmt.int(stored)} / ${fmt.int(acked)} = ${fmt.ratio(stored / acked)} (${fmt.int(handled)} handled)`),
            target: '= 1.00',
            met: stored === acked && handled === acked && failures(ingest) + failures(offered) === 0,
          },
          {
            ...row('RSS: idle / end of ingest / peak (ingest, offered run, catching up)', `${fmt.mb(idleRss)} / ${fmt.mb(ingestRss)} / ${fmt.mb(peakRss)}`),
            target: '≤ 200 MB under ingest',
            met: peakRss <= 200 * 1024 * 1024,
          },
        ];
      } finally {
        await server.stop();
      }
    } finally {
      await sandbox.stop();
      await bench.close();
    }
  },
};

/** Waits (up to 3 minutes) until every stored event of `eventIds` is handled. */
async function catchUp(bench: { db: import('../../src/db/database.js').Db }, eventIds: string[]): Promise<{ handled: number; ms: number }> {
  const started = performance.now();
  const stored = await countWhere(bench, eventIds, false);
  let handled = await countWhere(bench, eventIds, true);
  while (handled < stored && performance.now() - started < 180_000) {
    await new Promise((r) => setTimeout(r, 250));
    handled = await countWhere(bench, eventIds, true);
  }
  return { handled, ms: performance.now() - started };
}

const ok = (r: LoadResult) => r.statuses.get(200) ?? 0;
const failures = (r: LoadResult) => r.answered - ok(r) + r.errors;
const row = (metric: string, value: string): BenchRow => ({ scenario: 'webhook ingest', metric, value });

async function countWhere(bench: { db: import('../../src/db/database.js').Db }, eventIds: string[], handled: boolean): Promise<number> {
  const rows = (await bench.db.execute(
    drizzleSql`select count(*)::int as n from received_events where event_id = any(string_to_array(${eventIds.join(',')}, ','))${handled ? drizzleSql` and processed_at is not null` : drizzleSql``}`,
  )) as unknown as { n: number }[];
  return rows[0]!.n;
}
