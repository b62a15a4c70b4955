import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

describe('the CLI beside a running server on PGlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ducha-lock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('says in one line that the embedded database is in use and what to do, without a stack trace', async () => {
    const dataDir = join(dir, 'pglite');
    mkdirSync(dir, { recursive: true });
    // A live process holds the folder, as a running `npm start` would: this test's own process.
    writeFileSync(`${dataDir}.lock`, String(process.pid));
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, DUCHA_DATA_DIR: dataDir, DUCHA_CRON: 'off' };
    const run = await runCli(env, ['status']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`内置数据库 ${dataDir} 正被进程 ${process.pid} 使用`);
    expect(lines[0]).toContain('DATABASE_URL');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
