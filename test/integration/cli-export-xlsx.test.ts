import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, count, eq, isNull } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, homeVisits, people, schools, students, towns } from '../../src/db/schema/index.js';
import { importRoster } from '../../src/domain/roster/import-roster.js';
import { buildDemoCounty } from '../../src/domain/roster/demo-county.js';
import { seedFixtureStudents } from '../fixtures/students.js';
import { recordMonthlyCheckIn } from '../helpers/monthly-check-in.js';
import { cliOverFreshDatabase, type CliOverDatabase } from '../helpers/run-cli.js';

const SHEETS = ['汇总', '填报明细', '家访记录', '学生名册', '控辍保学', '资助核查', '校长报告'];

async function sheetRows(path: string, name: string): Promise<Record<string, ExcelJS.CellValue>[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  expect(workbook.worksheets.map((s) => s.name)).toEqual(SHEETS);
  const sheet = workbook.getWorksheet(name)!;
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
  const rows: Record<string, ExcelJS.CellValue>[] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) rows.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).value])));
  });
  return rows;
}

// `npm run cli -- export … --format xlsx --out FILE`: the chat's workbook, written by the operator.
describe('export --format xlsx', () => {
  let tmp: string;
  let admin: CliOverDatabase;
  /** The town of the fixture students' first school. */
  let town: string;
  const out = (name: string) => join(tmp, name);

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'ducha-xlsx-'));
    admin = await cliOverFreshDatabase(tmp);
    const now = new Date('2026-12-01T08:00:00+08:00');
    // The CLI makes (and migrates) its database on first use.
    expect((await admin.cli('migrate')).code).toBe(0);
    await admin.withDb((db) => importRoster(db, now, buildDemoCounty()));
    const tick = await admin.cli('tick', '--at', '2026-12-01T09:00:00+08:00');
    expect(tick.code, tick.stderr).toBe(0);
    await admin.withDb(async (db) => {
      await seedFixtureStudents(db, now);
      const [first] = await db.select({ town: towns.name }).from(schools).innerJoin(towns, eq(towns.id, schools.townId)).where(eq(schools.chatId, 'oc_demo_school_01'));
      town = first!.town;
      const [teacher] = await db.select().from(people).where(eq(people.openId, 'ou_demo_t0101'));
      await recordMonthlyCheckIn(db, new Date('2026-12-03T10:00:00+08:00'), { person: teacher!, source: 'text', values: { homeVisits: 4, phoneFollowups: 2, newAlerts: 1, note: '蒋小鹿需关注' } });
      const [child] = await db.select({ id: students.id }).from(students).where(eq(students.name, '蒋小鹿'));
      await db.insert(homeVisits).values({ studentId: child!.id, teacherId: teacher!.id, visitedOn: '2026-12-03', mode: 'home', findings: '父母外出', recordedAt: now });
    });
  }, 120_000);
  afterAll(async () => {
    await admin?.close();
    await rm(tmp, { recursive: true, force: true });
  });

  it('writes the workbook with names masked and free text left out by default, and says so', async () => {
    const run = await admin.cli('export', 'checkins', '--period', '2026-12', '--format', 'xlsx', '--out', out('masked.xlsx'));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--with-names');
    expect(run.stderr).toContain('学生名册');
    expect((await stat(out('masked.xlsx'))).size).toBeGreaterThan(5_000);
    const listed = await admin.withDb(async (db) => (await db.select({ n: count() }).from(students).where(isNull(students.leftAt)))[0]!.n);
    const register = await sheetRows(out('masked.xlsx'), '学生名册');
    expect(register).toHaveLength(listed);
    expect(register.map((r) => r['学生'])).toContain('蒋*鹿');
    expect(register.map((r) => r['学生'])).not.toContain('蒋小鹿');
    const checkins = await sheetRows(out('masked.xlsx'), '填报明细');
    expect(checkins).toEqual([expect.objectContaining({ 走访户数: 4, 电话随访户数: 2, 新增预警人数: 1, 备注: null })]);
    expect(checkins[0]!['提交时间']).toEqual(new Date('2026-12-03T10:00:00Z'));
  });

  it('names children and keeps free text with --with-names, one town with --town; each export audited as the CLI', async () => {
    const run = await admin.cli('export', 'checkins', '--period', '2026-12', '--town', town, '--with-names', '--format', 'xlsx', '--out', out('named.xlsx'));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('--with-names');
    const visits = await sheetRows(out('named.xlsx'), '家访记录');
    expect(visits).toEqual([expect.objectContaining({ 学生: '蒋小鹿', 方式: '入户', 发现情况: '父母外出', 家访日期: new Date('2026-12-03T00:00:00Z') })]);
    const summary = await sheetRows(out('named.xlsx'), '汇总');
    expect(new Set(summary.map((r) => r['镇街']))).toEqual(new Set([town]));
    const audits = await admin.withDb((db) => db.select().from(auditLog).where(and(eq(auditLog.action, 'export_students'), eq(auditLog.channel, 'cli'))));
    expect(audits).toHaveLength(2);
    expect(audits.map((a) => a.detail).join('\n')).toMatch(new RegExp(`${town}.*全名`));
  });

  it('refuses an unknown format, a missing --out, and an unknown place, leaving no file', async () => {
    const format = await admin.cli('export', 'checkins', '--format', 'csvx', '--out', out('x.xlsx'));
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format 只支持 xlsx');
    const noOut = await admin.cli('export', 'checkins', '--format', 'xlsx');
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--out');
    const place = await admin.cli('export', 'checkins', '--period', '2026-12', '--town', '火星镇', '--format', 'xlsx', '--out', out('nowhere.xlsx'));
    expect(place.code).toBe(2);
    expect(place.stderr).toContain('火星镇');
    await expect(stat(out('nowhere.xlsx'))).rejects.toThrow();
  });
});
