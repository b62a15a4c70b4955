import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { ROOT } from './repo-root.js';
import { sleep } from './until.js';

export type WranglerDev = {
  url: string;
  /** Everything wrangler and the Worker printed so far. */
  output(): string;
  /**
   * An object in one of the Worker's local R2 buckets (undefined when absent), read through the
   * dev server's local explorer API (`/cdn-cgi/explorer/api`, on by default in wrangler 4.86):
   * miniflare's own bucket, the one the Worker wrote to. `wrangler r2 object get --local` reads
   * the same store but starts a second miniflare: 6–9 s a read here.
   */
  readObject(bucket: string, key: string): Promise<Uint8Array | undefined>;
  stop(): Promise<void>;
};

/**
 * `wrangler dev --local`: the Worker in workerd on 127.0.0.1, offline and without a login, with
 * the Hyperdrive binding pointed at `databaseUrl` and `vars` on top of wrangler.toml's.
 */
export async function startWranglerDev(options: { databaseUrl: string; vars: Record<string, string> }): Promise<WranglerDev> {
  const [port, inspectorPort] = [await freePort(), await freePort()];
  const persistTo = mkdtempSync(join(tmpdir(), 'ducha-wrangler-'));
  const args = [
    'dev',
    '--local',
    '--ip', '127.0.0.1',
    '--port', String(port),
    '--inspector-port', String(inspectorPort),
    '--test-scheduled',
    '--show-interactive-dev-session=false',
    '--persist-to', persistTo,
    ...Object.entries(options.vars).flatMap(([key, value]) => ['--var', `${key}:${value}`]),
  ];
  const child = spawn(join(ROOT, 'node_modules/.bin/wrangler'), args, {
    cwd: ROOT,
    env: {
      ...process.env,
      WRANGLER_SEND_METRICS: 'false',
      CI: '1',
      // wrangler wants a password in the URL even where Postgres trusts the connection.
      CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE: withPassword(options.databaseUrl),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));

  const stop = async () => {
    killGroup(child, 'SIGTERM');
    const gone = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
    if (!gone) killGroup(child, 'SIGKILL');
    rmSync(persistTo, { recursive: true, force: true });
  };

  const deadline = Date.now() + 90_000;
  while (!/Ready on http/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`wrangler dev did not start:\n${output}`);
    }
    await sleep(200);
  }
  const url = `http://127.0.0.1:${port}`;
  const readObject = async (bucket: string, key: string) => {
    const response = await fetch(`${url}/cdn-cgi/explorer/api/r2/buckets/${encodeURIComponent(bucket)}/objects/${encodeURIComponent(key)}`);
    if (response.status === 404) return undefined;
    if (response.status !== 200) throw new Error(`reading ${bucket}/${key} from the local explorer answered ${response.status}: ${await response.text()}`);
    return new Uint8Array(await response.arrayBuffer());
  };
  return { url, output: () => output, readObject, stop };
}

/** wrangler and the workerd it starts: stop them all. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // Already gone.
  }
}

function withPassword(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  if (!url.password) url.password = 'unused';
  return url.toString();
}
