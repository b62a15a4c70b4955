import http from 'node:http';
import { sql } from 'drizzle-orm';
import { SettableClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { tick } from '../../src/jobs/tick.js';
import type { SandboxMessage } from '../../src/lark/sandbox/sandbox-state.js';
import { silentLogger } from '../../src/log.js';
import { buildDeps } from '../../src/entry/build-deps.js';
import type { BenchRow, Scenario } from '../scenario.js';
import { createBenchDatabase } from '../support/bench-database.js';
import { CHECK_IN_TEXT } from '../support/lark-events.js';
import { benchPort, DUCHA_ENTRY, startServer } from '../support/processes.js';
import { REGION_SIZES } from '../../src/cli/generate/synthetic-region.js';
import { seedBenchRoster } from '../support/roster.js';
import { fmt, percentile } from '../support/stats.js';
import { sandboxAppEnv } from '../../src/lark/sandbox/sandbox-state.js';

/** A county: 30 schools, 1,000 teachers. */
const COUNTY = REGION_SIZES.county;
const TEACHERS = COUNTY.teachers;
const WINDOW_MS = 60_000;
const ROUND_OPENS = new Date('2026-12-01T09:00:00+08:00');
/** The deadline day: at 09:00 the due-day reminders go to principals, 1:1. */
const SERVER_CLOCK = new Date('2026-12-25T08:59:58+08:00');

/** `/sandbox/say` without waiting for the reply: returns the message id and Ducha's answer to the event. */
async function sayThrough(agent: http.Agent, base: URL, openId: string): Promise<{ messageId: string; createdAt: number; status: number } | undefined> {
  const body = JSON.stringify({ open_id: openId, text: CHECK_IN_TEXT, wait_ms: 0 });
  return new Promise((resolve) => {
    const request = http.request(
      { agent, host: base.hostname, port: base.port, method: 'POST', path: '/sandbox/say', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (response) => {
        let text = '';
        response.on('data', (c: Buffer) => (text += c.toString()));
        response.on('end', () => {
          try {
            const parsed = JSON.parse(text) as { message_id: string; create_time: string; delivered: { status: number } };
            resolve({ messageId: parsed.message_id, createdAt: Number(parsed.create_time), status: parsed.delivered.status });
          } catch {
            resolve(undefined);
          }
        });
      },
    );
    request.on('error', () => resolve(undefined));
    request.end(body);
  });
}

/** Scenario 2: a county's teachers all answer in the last minute while the reminders go out. */
export const burstScenario: Scenario = {
  name: 'deadline burst',
  async run(ctx) {
    const bench = await createBenchDatabase(ctx.databaseUrl, 'burst');
    const sandboxPort = benchPort();
    const serverPort = benchPort();
    // Teachers speak through the sandbox, as through Lark: it knows each message, so the bot can
    // reply to it, and it signs and posts the event to Ducha.
    const sandbox = await startServer({
      label: 'sandbox-burst',
      entry: 'src/entry/sandbox.ts',
      env: { SANDBOX_PORT: String(sandboxPort), DUCHA_APP_URL: `http://127.0.0.1:${serverPort}`, DUCHA_SANDBOX_CLOCK: SERVER_CLOCK.toISOString() },
      port: sandboxPort,
      readyPath: '/sandbox/stats',
    });
    const env = sandboxAppEnv(sandbox.url);
    const config = loadConfig(env);
    try {
      const teachers = await seedBenchRoster(bench.db, COUNTY, ROUND_OPENS);
      const deps = buildDeps({ db: bench.db, config, log: silentLogger, clock: new SettableClock(ROUND_OPENS, { frozen: true }), lark: config.lark!, outbox: { kind: 'manual' } });
      await tick(deps, ROUND_OPENS);
      await bench.db.execute(sql`delete from outbox`);

      const server = await startServer({
        label: 'ducha-burst',
        entry: DUCHA_ENTRY,
        env: { ...env, DATABASE_URL: bench.url, DUCHA_SANDBOX_CLOCK: SERVER_CLOCK.toISOString(), DUCHA_TICK_CRON: '* * * * * *' },
        port: serverPort,
        readyPath: '/readyz',
      });
      const startedAt = Date.now();
      try {
        // 09:00:00 on the server's clock: the reminders are due now, and the answers start.
        await new Promise((r) => setTimeout(r, Math.max(0, 2_000 - (Date.now() - startedAt))));
        const offsets = Array.from({ length: TEACHERS }, () => Math.random() * WINDOW_MS).sort((a, b) => a - b);
        const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
        const sentAt = new Map<string, number>();
        let refused = 0;
        const t0 = performance.now();
        const base = new URL(sandbox.url);
        await Promise.all(
          offsets.map(async (offset, i) => {
            await new Promise((r) => setTimeout(r, offset - (performance.now() - t0)));
            const said = await sayThrough(agent, base, teachers[i]!.openId);
            // The sandbox's own clock: when the message was said, as the receipt's time is.
            if (said) sentAt.set(said.messageId, said.createdAt);
            if (said?.status !== 200) refused++;
          }),
        );
        agent.destroy();

        ctx.log('waiting for the receipts');
        let messages: SandboxMessage[] = [];
        const receipts = () => messages.filter((m) => m.parent_id && sentAt.has(m.parent_id));
        const deadline = Date.now() + 120_000;
        do {
          await new Promise((r) => setTimeout(r, 1000));
          messages = ((await (await fetch(`${sandbox.url}/sandbox/messages`)).json()) as { messages: SandboxMessage[] }).messages;
        } while (receipts().length < TEACHERS && Date.now() < deadline);
        const latencies = receipts().map((m) => Number(m.create_time) - sentAt.get(m.parent_id!)!);
        const reminders = messages.filter((m) => !m.parent_id && m.chat_type === 'p2p').length;
        const p99 = percentile(latencies, 99);
        const row = (metric: string, value: string): BenchRow => ({ scenario: 'deadline burst', metric, value });
        return [
          {
            ...row(`${fmt.int(TEACHERS)} answers at random within 60 s: receipts delivered`, `${fmt.int(latencies.length)} / ${fmt.int(TEACHERS)} (${refused} not acknowledged); ${reminders} principal reminders sent meanwhile`),
            target: 'all',
            met: latencies.length === TEACHERS && refused === 0,
          },
          {
            ...row('event to receipt at the sandbox: p50 / p95 / p99', `${fmt.ms(percentile(latencies, 50))} / ${fmt.ms(percentile(latencies, 95))} / ${fmt.ms(p99)}`),
            target: 'p99 ≤ 2,000 ms',
            met: p99 <= 2000,
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
