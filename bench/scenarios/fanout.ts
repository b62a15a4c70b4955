import { sql } from 'drizzle-orm';
import { SettableClock } from '../../src/clock.js';
import { DEFAULT_SEND_LIMITS, loadConfig } from '../../src/config.js';
import { enqueueMessages, type OutgoingMessage } from '../../src/db/queries/outbox.js';
import { createSendBudget } from '../../src/lark/outbox/create-outbox-sender.js';
import { createLarkClient } from '../../src/lark/lark-client.js';
import { silentLogger } from '../../src/log.js';
import { buildDeps } from '../../src/entry/build-deps.js';
import type { BenchRow, Scenario } from '../scenario.js';
import { createBenchDatabase } from '../support/bench-database.js';
import { benchPort, startServer } from '../support/processes.js';
import { fmt } from '../support/stats.js';
import { sandboxAppEnv } from '../../src/lark/sandbox/sandbox-state.js';

const ROWS = 100_000;
const TARGETS = 5_000;
const CEILING_MS = 10_000;
const CEILING_CONCURRENCY = 32;
const LIMITED_MS = 120_000;
const NOW = new Date('2026-12-01T10:00:00+08:00');
/** Lark's own limits (lark-platform.md §5.4), which no 1-second or 1-minute window may pass. */
const LARK = { appPerSecond: 50, appPerMinute: 1000, targetPerSecond: 5 };

type SandboxStats = {
  requests: number;
  botMessages: number;
  maxPerSecondForApp: number;
  maxPerMinuteForApp: number;
  maxPerSecondForTarget: number;
};

/** Scenario 4: a large outbox drained into the sandbox, without and with Lark's limits. */
export const fanoutScenario: Scenario = {
  name: 'fan-out',
  async run(ctx) {
    const port = benchPort();
    const sandbox = await startServer({ label: 'sandbox-fanout', entry: 'src/entry/sandbox.ts', env: { SANDBOX_PORT: String(port) }, port, readyPath: '/sandbox/stats' });
    const stats = async (reset = false) => (await (await fetch(`${sandbox.url}/sandbox/stats${reset ? '?reset=1' : ''}`)).json()) as SandboxStats;
    const config = loadConfig(sandboxAppEnv(sandbox.url));
    const bench = await createBenchDatabase(ctx.databaseUrl, 'fanout');
    try {
      // Ceiling: the SDK client alone, sending as fast as the sandbox answers.
      ctx.log('SDK ceiling run');
      const ceilingClient = createLarkClient(config.lark!, silentLogger);
      let ceilingSent = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: CEILING_CONCURRENCY }, async (_, k) => {
          for (let i = 0; performance.now() - t0 < CEILING_MS; i++) {
            const response = await ceilingClient.im.message.create({
              params: { receive_id_type: 'open_id' },
              data: { receive_id: `ou_fan_${(k * 7919 + i) % TARGETS}`, msg_type: 'text', content: JSON.stringify({ text: `ceiling ${k}:${i}` }), uuid: `ceiling:${k}:${i}` },
            });
            if (response.code === 0) ceilingSent++;
          }
        }),
      );
      const ceiling = (ceilingSent * 1000) / (performance.now() - t0);
      const beforeOff = await stats(true);

      ctx.log(`queueing ${fmt.int(ROWS)} rows`);
      await queue(bench.db, 'off', ROWS);
      const unlimited = buildDeps({
        db: bench.db,
        config,
        log: silentLogger,
        clock: new SettableClock(NOW, { frozen: true }),
        lark: config.lark!,
        sendBudget: createSendBudget({ appPerSecond: 1e9, appPerMinute: 1e12, targetPerSecond: 1e9 }),
        outbox: { kind: 'manual' },
      });
      ctx.log('draining with limits off');
      const t1 = performance.now();
      const off = await unlimited.outbox.drain({ now: NOW });
      const offMs = performance.now() - t1;
      const offRate = (off.sent * 1000) / offMs;
      const afterOff = await stats(true);

      ctx.log(`draining with Lark's limits for ${LIMITED_MS / 1000} s`);
      await queue(bench.db, 'on', 3_000);
      // A running clock: rows held back for their budget come due again as time passes.
      const limited = buildDeps({
        db: bench.db,
        config,
        log: silentLogger,
        clock: new SettableClock(NOW),
        lark: config.lark!,
        sendBudget: createSendBudget(DEFAULT_SEND_LIMITS),
        outbox: { kind: 'manual' },
      });
      // As the pump does: drain, and once nothing is due, look again a second later.
      const stop = AbortSignal.timeout(LIMITED_MS);
      const on = { sent: 0 };
      while (!stop.aborted) {
        on.sent += (await limited.outbox.drain({ stop })).sent;
        await new Promise((r) => setTimeout(r, 1000));
      }
      const afterOn = await stats();
      const allowed = allowedSends(DEFAULT_SEND_LIMITS, LIMITED_MS);
      const withinLark =
        afterOn.maxPerSecondForApp <= LARK.appPerSecond && afterOn.maxPerMinuteForApp <= LARK.appPerMinute && afterOn.maxPerSecondForTarget <= LARK.targetPerSecond;

      const row = (metric: string, value: string): BenchRow => ({ scenario: 'fan-out', metric, value });
      return [
        row('SDK ceiling: im.message.create to the sandbox, 32 at once, no database', `${fmt.int(ceiling)} msg/s`),
        {
          ...row(`${fmt.int(ROWS)} outbox rows to ${fmt.int(TARGETS)} users, limits off`, `${fmt.int(offRate)} msg/s (${fmt.int(off.sent)} sent in ${fmt.s(offMs)}; sandbox got ${fmt.int(afterOff.botMessages - beforeOff.botMessages)})`),
          target: '≥ 0.6 × SDK ceiling',
          ceiling: `${fmt.int(ceiling)}/s → ${fmt.ratio(offRate / ceiling)} ×`,
          met: offRate >= 0.6 * ceiling && off.sent === ROWS && afterOff.botMessages - beforeOff.botMessages === ROWS,
        },
        {
          ...row(`Lark's limits on (${DEFAULT_SEND_LIMITS.appPerSecond}/s, ${fmt.int(DEFAULT_SEND_LIMITS.appPerMinute)} per 60.25 s, ${DEFAULT_SEND_LIMITS.targetPerSecond}/s per target), ${LIMITED_MS / 1000} s`, `${fmt.int(on.sent)} sent of ${fmt.int(allowed)} allowed = ${fmt.ratio(on.sent / allowed)}`),
          target: '≥ 0.95',
          met: on.sent / allowed >= 0.95,
        },
        {
          ...row('busiest windows at the sandbox: 1 s app / 1 min app / 1 s one target', `${afterOn.maxPerSecondForApp} / ${fmt.int(afterOn.maxPerMinuteForApp)} / ${afterOn.maxPerSecondForTarget}`),
          target: '≤ 50 / 1,000 / 5 (Lark)',
          met: withinLark,
        },
      ];
    } finally {
      await bench.close();
      await sandbox.stop();
    }
  },
};

/** Rows to TARGETS users, round-robin, in batches (the way a round's prompts queue). */
async function queue(db: import('../../src/db/database.js').Db, run: string, rows: number): Promise<void> {
  for (let start = 0; start < rows; start += 5_000) {
    const batch: OutgoingMessage[] = [];
    for (let i = start; i < Math.min(rows, start + 5_000); i++) {
      batch.push({ key: `fan:${run}:${i}`, kind: 'bench', to: { openId: `ou_fan_${i % TARGETS}` }, msgType: 'text', content: { text: `fan-out ${i}` }, notBefore: NOW });
    }
    await enqueueMessages(db, NOW, batch);
  }
  await db.execute(sql`analyze outbox`);
}

/** The most sends the limits allow in `ms` from a standing start: bursts at the per-second rate until the minute's budget is used. */
function allowedSends(limits: { appPerSecond: number; appPerMinute: number }, ms: number): number {
  let total = 0;
  for (let minuteStart = 0; minuteStart < ms; minuteStart += 60_000) {
    const window = Math.min(60_000, ms - minuteStart);
    total += Math.min(limits.appPerMinute, Math.floor((window / 1000) * limits.appPerSecond));
  }
  return total;
}
