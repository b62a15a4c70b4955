import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { freePort } from './free-port.js';

/**
 * A throwaway Postgres server of its own (initdb in a temporary folder, on a free port), for tests
 * that kill its connections or restart it: nobody else's database goes down with it. Needs the
 * server binaries (/usr/lib/postgresql/N/bin); as root it runs them as the `postgres` user.
 */
export type PrivatePostgres = {
  /** postgres://… of its `postgres` database. */
  url: string;
  port: number;
  /** Ends every connection to `database` but the caller's own; returns how many were ended. */
  terminateConnections(database: string): Promise<number>;
  stop(): void;
  start(): void;
  isRunning(): boolean;
  /** Stops it for good and removes its folder. */
  destroy(): Promise<void>;
};

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => path.join(root, v, 'bin')).find((d) => existsSync(path.join(d, 'initdb')));
  if (!found) throw new Error(`no Postgres server binaries (initdb) under ${root}`);
  return found;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binDir();
  const asRoot = process.getuid?.() === 0;
  const run = (tool: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : path.join(bin, tool), asRoot ? ['-u', 'postgres', '--', path.join(bin, tool), ...args] : args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
  const dir = mkdtempSync(path.join(tmpdir(), 'ducha-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=200`;
  let running = false;
  const start = () => {
    run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start']);
    running = true;
  };
  const stop = () => {
    run('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
    running = false;
  };
  start();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    start,
    stop,
    isRunning: () => running,
    async terminateConnections(database) {
      const admin = postgres(url, { max: 1, onnotice: () => {} });
      try {
        const rows = await admin`select pg_terminate_backend(pid) as ended from pg_stat_activity where datname = ${database} and pid <> pg_backend_pid()`;
        return rows.filter((r) => r.ended).length;
      } finally {
        await admin.end({ timeout: 1 });
      }
    },
    async destroy() {
      try {
        if (running) run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        running = false;
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
