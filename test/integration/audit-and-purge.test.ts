import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { alertChanges, auditLog, homeVisits, people, students } from '../../src/db/schema/index.js';
import { addDays } from '../../src/domain/calendar/local-date.js';
import { localDate } from '../../src/domain/time/zoned-time.js';
import { cliOverFreshDatabase, type CliOverDatabase, type CliRun } from '../helpers/run-cli.js';

/**
 * `npm run cli -- audit` and `purge` as an admin runs them: a real child process over a fresh
 * database (PGlite, or Postgres when DATABASE_URL is set) holding a roster, students, and visits,
 * alert changes and audit rows written here directly (the chat path that writes them is tested
 * elsewhere). The tests run in order: the reads first, then the purge.
 */

const ROSTER = [
  'town,school,name,role,open_id,chat_id',
  '横渠镇,横渠镇中心小学,王建华,principal,ou_p1,oc_s1',
  '横渠镇,横渠镇中心小学,张国敏,teacher,ou_t1,oc_s1',
  '齐镇,齐镇中心小学,陈静,teacher,ou_t3,oc_s3',
  '横渠镇,中心小学,刘海涛,principal,ou_p4,oc_s4',
  '齐镇,中心小学,赵明,principal,ou_p5,oc_s5',
].join('\n');

const STUDENTS = [
  'school,class,name,student_no,categories,aid,mentor_open_id',
  '横渠镇中心小学,三年级(2)班,李小明,2021001,留守儿童|单亲,营养餐,ou_t1',
  '横渠镇中心小学,五年级(1)班,王芳,2019017,,,',
  '齐镇中心小学,一年级(1)班,赵磊,2024003,困境儿童|残疾儿童,助学金,ou_t3',
  '横渠镇/中心小学,二年级(3)班,陈晨,2023011,脱贫家庭,,ou_p4',
].join('\n');

/** The retention line the purge test draws; the seeded rows sit on either side of it. */
const CUTOFF = '2025-09-01';
const at = (iso: string) => new Date(iso);

let tmp: string;
let admin: CliOverDatabase | undefined;
const withDb = <T>(fn: (db: Db) => Promise<T>) => admin!.withDb(fn);
const cli = (...args: string[]) => admin!.cli(...args);
/** Student ids by 校内编号, person ids by open_id. */
let sid: Record<string, number> = {};
let pid: Record<string, number> = {};

async function seed(db: Db): Promise<void> {
  sid = Object.fromEntries((await db.select().from(students)).map((s) => [s.studentNo, s.id]));
  pid = Object.fromEntries((await db.select().from(people)).map((p) => [p.openId, p.id]));
  const visit = (no: string, teacher: string, visitedOn: string, mode: 'home' | 'phone' | 'video') => ({
    studentId: sid[no]!,
    teacherId: pid[teacher]!,
    visitedOn,
    mode,
    findings: `${no} ${visitedOn} 情况`,
    measures: `${no} ${visitedOn} 措施`,
    risks: ['辍学风险' as const],
    recordedAt: at(`${visitedOn}T10:00:00+08:00`),
  });
  await db.insert(homeVisits).values([
    visit('2021001', 'ou_t1', '2024-03-01', 'home'),
    visit('2021001', 'ou_t1', '2025-10-05', 'home'),
    visit('2019017', 'ou_t1', '2024-04-10', 'phone'),
    visit('2019017', 'ou_t1', '2024-11-20', 'home'),
    visit('2019017', 'ou_t1', '2025-10-12', 'video'),
    visit('2024003', 'ou_t3', '2025-10-10', 'phone'),
  ]);
  const change = (no: string, from: 'normal' | 'watch' | 'alert', to: 'normal' | 'watch' | 'alert', day: string) => ({
    studentId: sid[no]!,
    fromLevel: from,
    toLevel: to,
    reason: `${no} ${day} 原因`,
    byId: pid['ou_t1']!,
    at: at(`${day}T10:00:00+08:00`),
  });
  await db.insert(alertChanges).values([
    change('2021001', 'normal', 'watch', '2024-03-01'),
    change('2021001', 'watch', 'alert', '2025-10-05'),
    change('2019017', 'normal', 'watch', '2024-04-10'),
    change('2019017', 'watch', 'normal', '2024-11-20'),
    change('2024003', 'normal', 'watch', '2025-10-10'),
    change('2023011', 'watch', 'normal', '2025-10-01'),
  ]);
  await db.update(students).set({ alertLevel: 'alert' }).where(eq(students.id, sid['2021001']!));
  await db.update(students).set({ alertLevel: 'watch', leftAt: at('2025-06-01T00:00:00+08:00') }).where(eq(students.id, sid['2024003']!));
  const row = (who: string, role: string, action: string, no: string, iso: string, channel: 'chat' | 'card', detail: string) => ({
    at: at(iso),
    personId: pid[who]!,
    role,
    action,
    studentId: sid[no]!,
    channel,
    chatId: 'oc_s1',
    detail,
  });
  await db.insert(auditLog).values([
    row('ou_t1', 'teacher', 'read_student', '2021001', '2025-03-01T02:00:00Z', 'chat', '查看详情'),
    row('ou_t1', 'teacher', 'read_student', '2019017', '2024-12-31T15:30:00Z', 'chat', '查看姓名班级'),
    // 00:30 on 1 January in the county: inside `--since 2025-01-01`, though still 2024 in UTC.
    row('ou_t1', 'teacher', 'read_student', '2019017', '2024-12-31T16:30:00Z', 'chat', '查看详情'),
    row('ou_t1', 'teacher', 'record_visit', '2021001', '2025-10-05T02:00:00Z', 'card', '入户家访'),
    row('ou_p1', 'principal', 'notify_alert', '2021001', '2025-10-05T02:05:00Z', 'chat', '预警提醒（alert）'),
  ]);
}

const audits = () => withDb((db) => db.select().from(auditLog).orderBy(asc(auditLog.id)));
const lines = (run: CliRun) => run.stdout.trim().split('\n').filter((l) => l !== '');

/** Everything the purge may touch, to show a refused or dry run changed none of it. */
const everything = () =>
  withDb(async (db) => ({
    visits: await db.select().from(homeVisits).orderBy(asc(homeVisits.id)),
    changes: await db.select().from(alertChanges).orderBy(asc(alertChanges.id)),
    students: await db.select().from(students).orderBy(asc(students.id)),
    audits: await db.select().from(auditLog).orderBy(asc(auditLog.id)),
  }));

/** Visits counted by month and mode, as a past summary counts them. */
const visitCounts = () =>
  withDb(async (db) => {
    const counts: Record<string, number> = {};
    for (const v of await db.select().from(homeVisits)) counts[`${v.visitedOn.slice(0, 7)} ${v.mode}`] = (counts[`${v.visitedOn.slice(0, 7)} ${v.mode}`] ?? 0) + 1;
    return counts;
  });

function expectRefused(run: CliRun, code: number, words: string): void {
  expect(run.code, run.stderr).toBe(code);
  expect(run.stdout).toBe('');
  expect(run.stderr).toContain(words);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'ducha-audit-'));
  admin = await cliOverFreshDatabase(tmp);
  await writeFile(join(tmp, 'roster.csv'), ROSTER);
  await writeFile(join(tmp, 'students.csv'), STUDENTS);
  for (const args of [['import-roster', join(tmp, 'roster.csv')], ['import-students', join(tmp, 'students.csv')]]) {
    const run = await cli(...args);
    if (run.code !== 0) throw new Error(run.stderr);
  }
  await withDb(seed);
});

afterAll(async () => {
  await admin?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('npm run cli -- audit', { timeout: 120_000 }, () => {
  it('prints a student’s trail oldest first, in local time, with the name masked, and audits the reading', async () => {
    const run = await cli('audit', '--student', '横渠镇中心小学/2021001');
    expect(run.code, run.stderr).toBe(0);
    expect(lines(run)).toEqual([
      '2025-03-01 10:00  张国敏（ou_t1）  教师  查看学生  横渠镇中心小学/2021001 李*明  聊天 oc_s1  查看详情',
      '2025-10-05 10:00  张国敏（ou_t1）  教师  记录家访  横渠镇中心小学/2021001 李*明  卡片 oc_s1  入户家访',
      '2025-10-05 10:05  王建华（ou_p1）  校长  预警提醒  横渠镇中心小学/2021001 李*明  聊天 oc_s1  预警提醒（alert）',
    ]);
    const last = (await audits()).at(-1)!;
    expect(last).toMatchObject({ personId: null, action: 'read_audit', channel: 'cli', studentId: sid['2021001'], chatId: null });
    expect(last.detail).toContain('横渠镇中心小学/2021001');
  });

  it('finds a school two towns share by 镇街/学校, and refuses the bare name as ambiguous', async () => {
    const run = await cli('audit', '--student', '横渠镇/中心小学/2023011');
    expect(run.code, run.stderr).toBe(0);
    expectRefused(await cli('audit', '--student', '中心小学/2023011'), 1, '横渠镇/中心小学');
  });

  it('prints a person’s acts since a local day, each student as 学校/校内编号 and a masked name', async () => {
    const all = await cli('audit', '--person', 'ou_t1');
    expect(lines(all)).toHaveLength(4);
    const since = await cli('audit', '--person', 'ou_t1', '--since', '2025-01-01');
    expect(since.code, since.stderr).toBe(0);
    expect(lines(since)).toEqual([
      '2025-01-01 00:30  张国敏（ou_t1）  教师  查看学生  横渠镇中心小学/2019017 王*  聊天 oc_s1  查看详情',
      '2025-03-01 10:00  张国敏（ou_t1）  教师  查看学生  横渠镇中心小学/2021001 李*明  聊天 oc_s1  查看详情',
      '2025-10-05 10:00  张国敏（ou_t1）  教师  记录家访  横渠镇中心小学/2021001 李*明  卡片 oc_s1  入户家访',
    ]);
    expect(since.stdout).not.toContain('李小明');
    const last = (await audits()).at(-1)!;
    expect(last).toMatchObject({ personId: null, action: 'read_audit', channel: 'cli', studentId: null });
    expect(last.detail).toContain('ou_t1');
    expect(last.detail).toContain('2025-01-01');
  });

  it('prints JSON lines with --json', async () => {
    const run = await cli('audit', '--person', 'ou_p1', '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(lines(run).map((l) => JSON.parse(l))).toEqual([
      {
        at: '2025-10-05T10:05:00+08:00',
        personName: '王建华',
        personOpenId: 'ou_p1',
        role: 'principal',
        action: 'notify_alert',
        channel: 'chat',
        chatId: 'oc_s1',
        detail: '预警提醒（alert）',
        studentId: sid['2021001'],
        schoolName: '横渠镇中心小学',
        studentNo: '2021001',
        studentName: '李*明',
      },
    ]);
  });

  it('refuses an unknown school, student or person (exit 1) and a bad call (exit 2), auditing none of them', async () => {
    const before = await audits();
    expectRefused(await cli('audit', '--student', '无此学校/2021001'), 1, '无此学校');
    expectRefused(await cli('audit', '--student', '横渠镇中心小学/9999999'), 1, '9999999');
    expectRefused(await cli('audit', '--person', 'ou_nobody'), 1, 'ou_nobody');
    expectRefused(await cli('audit'), 2, '用法');
    expectRefused(await cli('audit', '--student', '横渠镇中心小学/2021001', '--person', 'ou_t1'), 2, '用法');
    expectRefused(await cli('audit', '--student', '2021001'), 2, '学校/校内编号');
    expectRefused(await cli('audit', '--person', 'ou_t1', '--since', '2025-02-30'), 2, '--since');
    expectRefused(await cli('audit', '--person', 'ou_t1', '--bogus'), 2, '用法');
    expect(await audits()).toEqual(before);
  });
});

describe('npm run cli -- purge', { timeout: 120_000 }, () => {
  it('refuses a date after today and a malformed one, changing nothing', async () => {
    const before = await everything();
    const tomorrow = addDays(localDate(new Date(), 'Asia/Shanghai'), 1);
    expectRefused(await cli('purge', '--before', tomorrow), 2, '晚于今天');
    expectRefused(await cli('purge', '--before', '2025/09/01'), 2, '--before');
    expectRefused(await cli('purge'), 2, '用法');
    expect(await everything()).toEqual(before);
  });

  it('--dry-run prints the counts and changes nothing, not even the audit', async () => {
    const before = await everything();
    const run = await cli('purge', '--before', CUTOFF, '--dry-run');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(`试运行，未做任何更改。将清除 ${CUTOFF} 之前的记录：家访 4 条，预警变化 3 条，离校学生 1 名`);
    expect(await everything()).toEqual(before);
  });

  it('empties old texts and keeps the rows, keeps open alerts’ reasons, anonymises who left, and audits itself', async () => {
    const countsBefore = await visitCounts();
    const run = await cli('purge', '--before', CUTOFF);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(`已清除 ${CUTOFF} 之前的记录：家访 4 条，预警变化 3 条，离校学生 1 名`);
    expect(await visitCounts()).toEqual(countsBefore);

    const { visits, changes, students: all, audits: log } = await everything();
    const textOf = (v: (typeof visits)[number]) => [v.findings, v.measures, v.purgedAt !== null, v.risks];
    expect(visits.map((v) => [v.studentId, v.visitedOn, ...textOf(v)])).toEqual([
      [sid['2021001'], '2024-03-01', null, null, true, ['辍学风险']],
      [sid['2021001'], '2025-10-05', '2021001 2025-10-05 情况', '2021001 2025-10-05 措施', false, ['辍学风险']],
      [sid['2019017'], '2024-04-10', null, null, true, ['辍学风险']],
      [sid['2019017'], '2024-11-20', null, null, true, ['辍学风险']],
      [sid['2019017'], '2025-10-12', '2019017 2025-10-12 情况', '2019017 2025-10-12 措施', false, ['辍学风险']],
      [sid['2024003'], '2025-10-10', null, null, true, ['辍学风险']],
    ]);
    // 2021001 is still on alert, so even its 2024 reason stays; 2023011's change came after the line.
    expect(changes.map((c) => [c.studentId, c.reason, c.purgedAt !== null])).toEqual([
      [sid['2021001'], '2021001 2024-03-01 原因', false],
      [sid['2021001'], '2021001 2025-10-05 原因', false],
      [sid['2019017'], null, true],
      [sid['2019017'], null, true],
      [sid['2024003'], null, true],
      [sid['2023011'], '2023011 2025-10-01 原因', false],
    ]);
    const left = all.find((s) => s.id === sid['2024003'])!;
    expect(left).toMatchObject({ name: '已删除', studentNo: `已删除-${left.id}`, mentorId: null, categories: ['困境儿童', '残疾儿童'], className: '一年级(1)班' });
    expect(all.filter((s) => s.name === '已删除')).toHaveLength(1);
    const last = log.at(-1)!;
    expect(last).toMatchObject({ personId: null, action: 'purge', channel: 'cli', studentId: null });
    expect(last.detail).toContain(CUTOFF);
    expect(last.detail).toContain('家访 4 条，预警变化 3 条，离校学生 1 名');
  });

  it('purges nothing twice, and the trail of a purged student is still read by its new number', async () => {
    const again = await cli('purge', '--before', CUTOFF);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout.trim()).toBe(`已清除 ${CUTOFF} 之前的记录：家访 0 条，预警变化 0 条，离校学生 0 名`);
    const run = await cli('audit', '--student', `齐镇中心小学/已删除-${sid['2024003']}`);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('没有审计记录');
  });
});
