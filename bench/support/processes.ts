import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What `npm start` runs once it has built the bundle (bench/run.ts builds it first). */
export const DUCHA_ENTRY = 'dist/entry/node.mjs';

export type ServerProcess = {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Milliseconds from spawn until the URL answered `readyPath` with a 200. */
  readyMs: number;
  rssBytes(): number;
  /**
   * The most RSS the server and the processes it started had together until it answered (a first
   * start on PGlite runs initdb in a child process, whose own peak counts).
   */
  startupPeakRssBytes(): number;
  stop(): Promise<void>;
};

/**
 * Starts an entry as its own Node process, logs to a file rather than a pipe the bench would
 * have to read, and waits until it answers.
 */
export async function startServer(options: {
  entry: string;
  env: Record<string, string>;
  port: number;
  readyPath: string;
  label: string;
  /** Extra Node flags, e.g. --cpu-prof (not allowed in NODE_OPTIONS). */
  nodeArgs?: string[];
}): Promise<ServerProcess> {
  const logFile = join(tmpdir(), `ducha-bench-${options.label}-${process.pid}.log`);
  const log = openSync(logFile, 'w');
  const started = performance.now();
  // A built bundle runs as `npm start` runs it; TypeScript sources (the sandbox) through tsx.
  const args = [...(options.nodeArgs ?? []), ...(options.entry.endsWith('.mjs') ? ['--enable-source-maps', options.entry] : ['--import', 'tsx', options.entry])];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(options.port), ...options.env },
    stdio: ['ignore', log, log],
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = `http://127.0.0.1:${options.port}`;
  let startupPeak = 0;
  for (;;) {
    startupPeak = Math.max(startupPeak, treePeakOf(child.pid!));
    if (child.exitCode !== null) throw new Error(`${options.label} exited:\n${readFileSync(logFile, 'utf8').slice(-3000)}`);
    try {
      const response = await fetch(url + options.readyPath);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const readyMs = performance.now() - started;
  return {
    url,
    pid: child.pid!,
    child,
    readyMs,
    rssBytes: () => rssOf(child.pid!),
    startupPeakRssBytes: () => Math.max(startupPeak, rssOf(child.pid!, 'VmHWM')),
    async stop() {
      child.kill('SIGTERM');
      const gone = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 10_000))]);
      if (!gone) child.kill('SIGKILL');
    },
  };
}

export function rssOf(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1];
  return Number(kb) * 1024;
}

/** The process's RSS now plus the peak of each process it started (sampled: a child may come and go between samples). */
function treePeakOf(pid: number): number {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    // A child that has exited but not yet been reaped has no memory lines left: it counts 0.
    return (rssOf(pid) || 0) + children.reduce((sum, child) => sum + (rssOf(Number(child), 'VmHWM') || 0), 0);
  } catch {
    return 0; // gone meanwhile
  }
}

let nextPort = 19_100 + (process.pid % 500) * 2;
/** Distinct ports per bench run (the bench is not run twice at once). */
export function benchPort(): number {
  return nextPort++;
}
