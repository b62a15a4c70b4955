import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startDuchaProcess } from '../helpers/ducha-process.js';
import { ROOT } from '../helpers/repo-root.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

describe('the Node process', () => {
  let database: TestDatabase | undefined;
  let dataDir: string | undefined;
  afterAll(async () => {
    await database?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts as `npm start` runs it (the bundle) in sandbox mode, answers, and stops cleanly on SIGTERM', async () => {
    const env: Record<string, string> = { PORT: '0', DUCHA_CRON: 'off' };
    if (process.env.DATABASE_URL) {
      database = await createTestDatabase();
      env.DATABASE_URL = database.url!;
    } else {
      dataDir = mkdtempSync(join(tmpdir(), 'ducha-'));
      // Nested folders that do not exist yet, as `.data/pglite` on a fresh checkout.
      env.DUCHA_DATA_DIR = join(dataDir, 'data', 'pglite');
    }
    const ducha = await startDuchaProcess(env, { bundle: true });
    expect((await fetch(`${ducha.url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${ducha.url}/readyz`)).json()).toEqual({ ok: true, database: 'up' });
    // The demo county was loaded on the empty database, so a bureau officer is known.
    const said = await fetch(`${ducha.url}/sandbox/say`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ open_id: 'ou_demo_b1', chat_id: 'oc_demo_bureau', text: '帮助' }),
    });
    const body = (await said.json()) as { replies: { text: string }[] };
    expect(body.replies[0]?.text).toContain('汇总');
    // The banner is on stdout, with ids from the roster in the database, and says what is kept in memory only.
    const banner = ducha.stdout();
    expect(banner).toContain(`${ducha.url}/sandbox/tick`);
    for (const id of ['ou_demo_t0101', 'oc_demo_school_01', 'ou_demo_b1', 'oc_demo_bureau', 'ou_demo_p01']) expect(banner).toContain(id);
    expect(banner).toMatch(/live in memory/);
    expect(ducha.stderr()).not.toContain('/sandbox/tick');

    ducha.child.kill('SIGTERM');
    expect(await ducha.exited).toBe(0);
    expect(ducha.stderr()).toContain('"msg":"stopped"');
    // Logs never carry what people wrote.
    expect(ducha.stderr()).not.toContain('帮助');
  });

  it('refuses to start on bad settings, naming each one', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/entry/node.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, PORT: 'eighty', LARK_APP_ID: 'cli_x', LARK_APP_SECRET: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    for (const name of ['PORT', 'LARK_APP_SECRET', 'LARK_VERIFICATION_TOKEN']) expect(stderr).toContain(name);
  });
});
