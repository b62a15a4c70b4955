import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliOverFreshDatabase, type CliOverDatabase } from '../helpers/run-cli.js';

describe('calendar on the command line, as an admin first meets it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ducha-calendar-'));
  let over: CliOverDatabase;
  beforeAll(async () => {
    over = await cliOverFreshDatabase(dir);
  });
  afterAll(async () => {
    await over.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('bare `calendar` lists every subcommand and exits 0', async () => {
    const run = await over.cli('calendar');
    expect(run.code).toBe(0);
    for (const sub of ['list', 'add-holiday', 'add-workday', 'remove', 'add-vacation', 'add-term', 'remove-period']) expect(run.stdout).toContain(`  ${sub}`);
  });

  it('`calendar list --year 2030` says the official calendar ends in 2027 and how to add that year', async () => {
    const run = await over.cli('calendar', 'list', '--year', '2030');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('只收录到 2027 年');
    expect(run.stderr).toContain('calendar add-holiday');
    expect(run.stderr).toContain('calendar add-workday');
  });

  it('a year the official calendar covers gets no such notice', async () => {
    const run = await over.cli('calendar', 'list', '--year', '2026');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('2026-10-01');
    expect(run.stderr).not.toContain('只收录到');
  });

  it('`seed-demo` stores the example school year, named 示例, which `remove-period` takes out again', async () => {
    const seeded = await over.cli('seed-demo');
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.stdout).toContain('2026–27 学年的示例学期和假期（4 段，名称带“示例”）');
    const listed = await over.cli('calendar', 'list', '--year', '2026');
    expect(listed.stdout).toContain('2026-09-01..2027-01-22 学期 2026秋季学期(示例)');

    const removed = await over.cli('calendar', 'remove-period', '2026秋季学期(示例)');
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toContain('已删除 2026秋季学期(示例)');
    expect((await over.cli('calendar', 'list', '--year', '2026')).stdout).not.toContain('2026秋季学期(示例)');
    const again = await over.cli('calendar', 'remove-period', '2026秋季学期(示例)');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('没有名为 2026秋季学期(示例) 的学期或假期');
    // A calendar is stored now: seeding again leaves it as the county has it.
    expect((await over.cli('seed-demo')).stdout).toContain('校历：已有学期或假期，保持不变');
  }, 180_000); // six CLI runs, each a fresh tsx process
});
