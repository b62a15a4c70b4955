import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Db } from '../../src/db/database.js';
import { openPglite } from '../../src/db/open-pglite.js';
import { ROOT } from './repo-root.js';
import { createTestDatabase } from './test-database.js';

export type CliRun = { code: number | null; stdout: string; stderr: string };

/**
 * `npm run cli -- …` as a real child process with the given env: through the same launcher
 * (scripts/run-cli.mjs, the bundle rebuilt when a source is newer), so tests run what admins run.
 */
export function runCli(env: NodeJS.ProcessEnv, args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts/run-cli.mjs'), ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The command line over a fresh database of its own, as an admin runs it. */
export type CliOverDatabase = {
  /** The env every CLI child process gets. */
  env: NodeJS.ProcessEnv;
  /** `npm run cli -- …args` with that env. */
  cli(...args: string[]): Promise<CliRun>;
  /** Runs `fn` against the CLI's database; on PGlite only while no CLI process holds it. */
  withDb<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  /** Drops the database (on Postgres); the PGlite folder goes with `dir`, which is the caller's. */
  close(): Promise<void>;
};

/**
 * This process's env for CLI child processes, without its LARK_*, DUCHA_* and HOST settings: sandbox
 * mode, where a tick delivers to a sandbox on PORT (nothing listens on port 1, so sends fail fast and
 * stay queued), and no cron. The database is a fresh one on the Postgres in DATABASE_URL, else a
 * PGlite data folder under `dir` (one process at a time: the test opens it only between CLI runs).
 */
export async function cliOverFreshDatabase(dir: string): Promise<CliOverDatabase> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('LARK_') || key.startsWith('DUCHA_')) delete env[key];
  delete env.HOST;
  env.PORT = '1';
  env.DUCHA_CRON = 'off';
  const testDb = process.env.DATABASE_URL ? await createTestDatabase() : undefined;
  const dataDir = testDb ? undefined : join(dir, 'pglite');
  if (testDb) env.DATABASE_URL = testDb.url;
  else {
    delete env.DATABASE_URL;
    env.DUCHA_DATA_DIR = dataDir;
  }
  return {
    env,
    cli: (...args) => runCli(env, args),
    async withDb(fn) {
      if (testDb) return fn(testDb.db);
      const database = await openPglite(dataDir);
      try {
        return await fn(database.db);
      } finally {
        await database.close();
      }
    },
    close: async () => {
      await testDb?.close();
    },
  };
}
