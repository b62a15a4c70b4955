import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { SANDBOX_CREDENTIALS } from '../../src/lark/sandbox/sandbox-state.js';
import type { ExecutionContext } from '../../src/entry/worker/cloudflare-types.js';
import worker from '../../src/entry/worker.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { sleep } from '../helpers/until.js';

/** What Cloudflare passes a Worker, with `waitUntil` kept so a test can wait for it. */
function executionContext(): ExecutionContext & { settled(): Promise<unknown> } {
  const pending: Promise<unknown>[] = [];
  return {
    waitUntil: (p) => void pending.push(p),
    passThroughOnException: () => {},
    settled: () => Promise.all(pending),
  };
}

const APP = {
  LARK_APP_ID: SANDBOX_CREDENTIALS.appId,
  LARK_APP_SECRET: 'a-secret-value',
  LARK_VERIFICATION_TOKEN: 'a-token-value',
  LARK_DOMAIN: 'http://127.0.0.1:9',
};

// The Worker's handlers under Node; test:worker runs the same entry in workerd.
describe('the Worker entry', () => {
  it('answers every request with a 500 naming each bad or missing setting, and no secret', async () => {
    const ctx = executionContext();
    const response = await worker.fetch(
      new Request('http://ducha.example/healthz'),
      { LARK_APP_SECRET: 'a-secret-value', DUCHA_TIMEZONE: 'Mars/Olympus', SOME_BINDING: {} },
      ctx,
    );
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: string; problems: string[] };
    expect(body.error).toBe('invalid configuration');
    for (const name of ['DUCHA_TIMEZONE', 'HYPERDRIVE', 'LARK_APP_ID']) expect(body.problems.join('\n')).toContain(name);
    expect(JSON.stringify(body)).not.toContain('a-secret-value');
  });

  it('refuses a scheduled run on a bad configuration, naming the problems', async () => {
    const run = worker.scheduled({ scheduledTime: Date.now(), cron: '* * * * *' }, { ...APP, DUCHA_CRON: 'sometimes' }, executionContext());
    await expect(run).rejects.toBeInstanceOf(ConfigError);
    await expect(run).rejects.toThrow(/DUCHA_CRON[\s\S]*HYPERDRIVE/);
  });

  describe.runIf(process.env.DATABASE_URL)('with a database', () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createTestDatabase();
    });
    afterAll(async () => {
      await database?.close();
    });

    it('reaches Postgres through the Hyperdrive binding, and closes its connection after the answer', async () => {
      const connections = async () => {
        const rows = (await database.db.execute(
          'select count(*)::int as n from pg_stat_activity where datname = current_database()',
        )) as unknown as { n: number }[];
        return rows[0]!.n;
      };
      const before = await connections();
      const ctx = executionContext();
      const response = await worker.fetch(new Request('http://ducha.example/readyz'), { ...APP, HYPERDRIVE: { connectionString: database.url! } }, ctx);
      expect(await response.json()).toEqual({ ok: true, database: 'up' });
      await ctx.settled();
      // A backend goes a moment after its client hangs up.
      const deadline = Date.now() + 5000;
      while ((await connections()) > before && Date.now() < deadline) await sleep(50);
      expect(await connections()).toBe(before);
    });
  });
});
