import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/repo-root.js';

/** `npm run cli -- …` as an admin types it: the bundled CLI, built on first use. */
const npmCli = (...args: string[]) => spawnSync('npm', ['run', '--silent', 'cli', '--', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DUCHA_LOG_LEVEL: 'warn' } });

describe('npm run cli', () => {
  it('builds the bundle when it is missing, then runs from it', () => {
    rmSync(join(ROOT, 'dist/cli'), { recursive: true, force: true });
    const first = npmCli('help');
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('import-roster');
    const again = npmCli('calendar');
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('remove-period');
  }, 60_000);
});
