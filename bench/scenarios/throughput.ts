// Issue 12's measurement, side by side in one run: wrk offers distinct pre-signed check-ins for
// DURATION seconds to (1) the reference webhook (bench/reference/, the ceiling) and (2) Ducha's
// `npm start` build, each on a fresh database with the same roster; "handled" = receipt committed.
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import postgres from 'postgres';
import { sql as drizzleSql } from 'drizzle-orm';
import { SettableClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { buildDeps } from '../../src/entry/build-deps.js';
import { tick } from '../../src/jobs/tick.js';
import { SANDBOX_CREDENTIALS, sandboxAppEnv } from '../../src/lark/sandbox/sandbox-state.js';
import { silentLogger } from '../../src/log.js';
import { createBenchDatabase } from '../support/bench-database.js';
import { teacherMessage, CHECK_IN_TEXT } from '../support/lark-events.js';
import { benchPort, DUCHA_ENTRY, startServer } from '../support/processes.js';
import { seedBenchRoster } from '../support/roster.js';
import { startReferenceWebhook } from '../reference/reference-webhook.js';
import type { BenchContext, BenchRow, Scenario } from '../scenario.js';
import { fmt } from '../support/stats.js';
import { statementStats, type StatementStat } from '../support/statement-stats.js';

const DURATION = Number(process.env.DUCHA_BENCH_THROUGHPUT_S ?? 60);
// Distinct events for the whole run: past the end wrk starts over, and repeats are only deduplicated.
const EVENTS = 150_000;
const THREADS = 1;
/** How long after the load the backlog is waited for before the run gives up on it. */
const BACKLOG_WAIT_S = 120;
const CONNECTIONS = 32;
// As measured in the issue: 2,000 teachers in 40 schools.
const ROSTER = { counties: 1, townsPerCounty: 8, schoolsPerTown: 5, teachers: 2_000 };

/** The events wrk cycles through, one per line; `messageIds` are messages the sandbox holds (else new ids). */
function writeEvents(file: string, teachers: { openId: string }[], messageIds: string[] = []): void {
  const now = new Date();
  const lines = Array.from({ length: EVENTS }, (_, i) => {
    const { request } = teacherMessage(teachers[i % teachers.length]!.openId, CHECK_IN_TEXT, now, messageIds[i]);
    const h = request.headers!;
    return `${h['x-lark-request-timestamp']}\t${h['x-lark-request-nonce']}\t${h['x-lark-signature']}\t${request.body}`;
  });
  writeFileSync(file, `${lines.join('\n')}\n`);
}

/** Puts the run's messages in the sandbox without delivering them (wrk posts their events); returns their ids in order. */
async function holdMessages(sandboxUrl: string, teachers: { openId: string }[]): Promise<string[]> {
  const ids: string[] = [];
  for (let from = 0; from < EVENTS; from += 20_000) {
    const messages = Array.from({ length: Math.min(20_000, EVENTS - from) }, (_, i) => ({ open_id: teachers[(from + i) % teachers.length]!.openId, text: CHECK_IN_TEXT }));
    const response = await fetch(`${sandboxUrl}/sandbox/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages }) });
    ids.push(...((await response.json()) as { messages: { message_id: string }[] }).messages.map((m) => m.message_id));
  }
  return ids;
}

/** wrk as a child process; asynchronously, since the reference webhook answers from this very process. */
function wrk(url: string, file: string): Promise<string> {
  const args = ['-t', String(THREADS), '-c', String(CONNECTIONS), '-d', `${DURATION}s`, '--latency', '-s', 'bench/reference/wrk-events.lua', url, '--', file, String(THREADS)];
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args);
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', () => resolve(out));
  });
}

const requestsPerSecond = (out: string) => Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN);
/** wrk's 99th percentile (e.g. `63.03ms`, `1.02s`), in ms. */
function p99Ms(out: string): number {
  const m = /99%\s+([\d.]+)(us|ms|s)/.exec(out);
  if (!m) return NaN;
  return Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1);
}

/** DUCHA_BENCH_PROFILE=DIR: Ducha writes a V8 CPU profile of the run there (node --cpu-prof). */
const profiling = (): string[] => (process.env.DUCHA_BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.DUCHA_BENCH_PROFILE}`] : []);

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const SERVER = ctx.databaseUrl;
  const row = (metric: string, value: string, extra: Partial<BenchRow> = {}): BenchRow => ({ scenario: 'throughput', metric, value, ...extra });
  // `wrk -v` prints its version and exits 1; what matters is that it runs.
  if (spawnSync('wrk', ['-v'], { encoding: 'utf8' }).error) return [row('load generator', 'wrk is not installed: apt-get install wrk (Debian package); skipped')];
  ctx.log('reference webhook under wrk');
  // 1. The reference.
  const refDb = await createBenchDatabase(SERVER, 'reference');
  const teachers = await seedBenchRoster(refDb.db, ROSTER, new Date());
  const file = '/tmp/ducha-wrk-events.tsv';
  writeEvents(file, teachers);
  const sql = postgres(refDb.url, { max: 2, onnotice: () => {} });
  const port = benchPort();
  const reference = await startReferenceWebhook({ databaseUrl: refDb.url, port, encryptKey: SANDBOX_CREDENTIALS.encryptKey, token: SANDBOX_CREDENTIALS.verificationToken, period: '2026-12' });
  await sql`insert into ref_people (open_id, person_id) select open_id, id from people where role = 'teacher' on conflict do nothing`;
  const refStats = statementStats(SERVER, 'ducha_bench_reference');
  const refTracked = await refStats.reset();
  const refOut = await wrk(`http://127.0.0.1:${port}`, file);
  const refTop = refTracked ? await refStats.top(STATEMENTS_SHOWN) : undefined;
  const referencePerSecond = reference.handled() / DURATION;
  const rows = [
    row(`reference webhook (bench/reference): handled, wrk -c${CONNECTIONS}, ${DURATION} s`, `${fmt.int(referencePerSecond)} events/s (ack p99 ${fmt.ms(p99Ms(refOut))}, ${fmt.int(requestsPerSecond(refOut))} req/s)`),
  ];
  rows.push(...statementRows('reference', refTop, reference.handled()));
  await reference.close();
  await sql.end();
  await refDb.close();

  // 2. Ducha, as npm start runs it, on its own fresh database with the same roster.
  const db = await createBenchDatabase(SERVER, 'compare');
  const roster = await seedBenchRoster(db.db, ROSTER, new Date());
  const sandboxPort = benchPort();
  const sandbox = await startServer({ label: 'sandbox', entry: 'src/entry/sandbox.ts', env: { SANDBOX_PORT: String(sandboxPort) }, port: sandboxPort, readyPath: '/sandbox/stats' });
  // The sandbox holds each message, as Lark does, so the receipts (replies to them) land.
  writeEvents(file, roster, await holdMessages(sandbox.url, roster));
  const env = sandboxAppEnv(sandbox.url);
  const config = loadConfig(env);
  const now = new Date();
  const deps = buildDeps({ db: db.db, config, log: silentLogger, clock: new SettableClock(now, { frozen: true }), lark: config.lark!, outbox: { kind: 'manual' } });
  await tick(deps, now);
  await db.db.execute(drizzleSql`delete from outbox`);
  ctx.log('Ducha (npm start build) under wrk');
  const server = await startServer({ label: 'ducha', entry: DUCHA_ENTRY, env: { ...env, DATABASE_URL: db.url, DUCHA_CRON: 'off' }, nodeArgs: profiling(), port: benchPort(), readyPath: '/readyz' });
  const q = postgres(db.url, { max: 2, onnotice: () => {} });
  const receipts = async () => Number((await q`select count(*)::int as n from outbox where kind = 'reply'`)[0]!.n);
  const before = await receipts();
  const stats = statementStats(SERVER, 'ducha_bench_compare');
  const tracked = await stats.reset();
  const started = Date.now();
  const out = await wrk(server.url, file);
  const top = tracked ? await stats.top(STATEMENTS_SHOWN) : undefined;
  const during = (await receipts()) - before;
  let after = during;
  let emptied = false;
  while (Date.now() - started < (DURATION + BACKLOG_WAIT_S) * 1000) {
    const stored = Number((await q`select count(*)::int as n from received_events where processed_at is null`)[0]!.n);
    after = (await receipts()) - before;
    if (stored === 0) {
      emptied = true;
      break;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const drained = (Date.now() - started) / 1000 - DURATION;
  const handledPerSecond = during / DURATION;
  const ratio = handledPerSecond / referencePerSecond;
  rows.push(
    row('Ducha: handled during the load (receipt queued)', `${fmt.int(handledPerSecond)} events/s of ${fmt.int(requestsPerSecond(out))} acknowledged/s`, {
      target: '≥ 0.7 × reference',
      ceiling: `${fmt.int(referencePerSecond)}/s → ${fmt.ratio(ratio)} ×`,
      met: ratio >= 0.7,
    }),
    row('Ducha: acknowledgement p99 under the load', fmt.ms(p99Ms(out)), { target: '≤ 100 ms', met: p99Ms(out) <= 100 }),
    row(
      'Ducha: backlog empty after the load stops',
      emptied ? `${drained.toFixed(1)} s (${fmt.int(after)} handled in all)` : `not within ${BACKLOG_WAIT_S} s (${fmt.int(after)} handled by then)`,
      { target: '≤ 5 s', met: emptied && drained <= 5 },
    ),
  );
  rows.push(...statementRows('Ducha', top, during));
  await q.end();
  await server.stop();
  await sandbox.stop();
  await db.close();
  return rows;
}

const STATEMENTS_SHOWN = 5;

/** Where Postgres's time went during a run (pg_stat_statements), per handled event. */
function statementRows(who: string, top: StatementStat[] | undefined, handled: number): BenchRow[] {
  const row = (metric: string, value: string): BenchRow => ({ scenario: 'throughput', metric, value });
  if (!top) return [row(`${who}: Postgres's statements`, "pg_stat_statements is not loaded (shared_preload_libraries); skipped")];
  const perEvent = (ms: number) => `${((ms * 1000) / Math.max(handled, 1)).toFixed(0)} µs/event`;
  return top.map((s, i) =>
    row(`${who}: statement #${i + 1} by Postgres time`, `${perEvent(s.totalMs)} (${fmt.int(s.calls)} calls, mean ${s.meanMs.toFixed(3)} ms): \`${s.query.slice(0, 90)}…\``),
  );
}

export const throughputScenario: Scenario = { name: 'throughput', run };
