import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { ROOT } from './repo-root.js';

export type DuchaProcess = {
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  /** Everything the process logged so far. */
  stderr(): string;
  /** What it printed for the person at the terminal (the sandbox banner). */
  stdout(): string;
};

/**
 * Ducha's Node entry as a real process with only the given env; resolves once it logs "ready".
 * From the TypeScript sources, or (`bundle`) from what `npm start` builds and runs.
 */
export function startDuchaProcess(env: Record<string, string>, options: { bundle?: boolean } = {}): Promise<DuchaProcess> {
  if (options.bundle) execSync('npm run --silent build', { cwd: ROOT, stdio: 'ignore' });
  const args = options.bundle ? ['--enable-source-maps', 'dist/entry/node.mjs'] : ['--import', 'tsx', 'src/entry/node.ts'];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const ready = /"msg":"ready".*?"url":"([^"]+)"/.exec(stderr);
      if (ready) resolve({ url: ready[1]!, child, exited, stderr: () => stderr, stdout: () => stdout });
    });
    void exited.then((code) => reject(new Error(`exited with ${code} before ready:\n${stderr}`)));
  });
}
