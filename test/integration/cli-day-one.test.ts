import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox, people as peopleTable, schools as schoolsTable } from '../../src/db/schema/index.js';
import { ROOT } from '../helpers/repo-root.js';
import { cliOverFreshDatabase, type CliOverDatabase } from '../helpers/run-cli.js';

describe('`tick` from the CLI in sandbox mode with no server running', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ducha-tick-'));
  let over: CliOverDatabase;
  beforeAll(async () => {
    over = await cliOverFreshDatabase(dir);
    expect((await over.cli('seed-demo')).code).toBe(0);
  });
  afterAll(async () => {
    await over.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens the round, keeps its prompts queued for the server, and says so in one line, without connection errors', async () => {
    const run = await over.cli('tick', '--at', '2026-12-01T09:00:00+08:00');
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { rounds: { opened: { campaign: string; prompts: number }[] }; delivery: unknown };
    expect(report.rounds.opened).toContainEqual({ campaign: 'monthly-monitoring', period: '2026-12', prompts: 16 });
    expect(report.delivery).toBe('留给服务器发送（沙盒模式，服务器未运行）');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('沙盒模式：消息由运行中的服务器（npm start）发送');
    expect(run.stderr).toContain('/sandbox/tick');
    expect(run.stderr).not.toMatch(/ECONNREFUSED|send failed/i);
    const pending = await over.withDb((db) => db.select({ id: outbox.id }).from(outbox).where(eq(outbox.status, 'pending')));
    expect(pending.length).toBeGreaterThanOrEqual(16);
  });
});

describe('the sample roster in examples/', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ducha-example-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports as it stands (README points admins at it)', async () => {
    const over = await cliOverFreshDatabase(dir);
    try {
      const run = await over.cli('import-roster', join(ROOT, 'examples', 'roster.csv'));
      expect(run.code, run.stderr).toBe(0);
      const people = await over.withDb((db) => db.select({ role: peopleTable.role }).from(peopleTable));
      expect(people.map((p) => p.role).sort()).toEqual(['admin', 'bureau', 'principal', 'principal', 'teacher', 'teacher', 'teacher']);
      const schools = await over.withDb((db) => db.select({ name: schoolsTable.name, groupRole: schoolsTable.groupRole }).from(schoolsTable));
      expect(new Map(schools.map((s) => [s.name, s.groupRole]))).toEqual(new Map([['首善街道中心小学', 'core'], ['横渠镇中心小学', 'member']]));
    } finally {
      await over.close();
    }
  });
});
