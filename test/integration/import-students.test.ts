import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { auditLog, people, schools, students, towns } from '../../src/db/schema/index.js';
import { encodeGbk } from '../helpers/encode-text.js';
import { buildWorkbook } from '../helpers/roster-workbook.js';
import { cliOverFreshDatabase, type CliOverDatabase, type CliRun } from '../helpers/run-cli.js';

/**
 * `npm run cli -- import-students` as an admin runs it: a real child process over a fresh database
 * (PGlite, or Postgres when DATABASE_URL is set) that already holds a roster. Files come as UTF-8
 * CSV, GBK CSV with Chinese headers and .xlsx; the tests run in order, each import building on the last.
 */

const ROSTER = [
  'town,school,name,role,open_id,chat_id',
  '横渠镇,横渠镇中心小学,王建华,principal,ou_p1,oc_s1',
  '横渠镇,横渠镇中心小学,张国敏,teacher,ou_t1,oc_s1',
  '横渠镇,横渠初级中学,杨丽娟,teacher,ou_t2,oc_s2',
  '齐镇,齐镇中心小学,陈静,teacher,ou_t3,oc_s3',
  // Two towns each have a school called 中心小学.
  '横渠镇,中心小学,刘海涛,principal,ou_p4,oc_s4',
  '齐镇,中心小学,赵明,principal,ou_p5,oc_s5',
  ',,周强,bureau,ou_b1,oc_bureau',
].join('\n');

const ENGLISH_HEADER = ['school', 'class', 'name', 'student_no', 'categories', 'aid', 'mentor_open_id'];
const CHINESE_HEADER = ['学校', '班级', '姓名', '校内编号', '类别', '资助', '帮扶教师open_id'];
const STUDENTS = [
  ['横渠镇中心小学', '三年级(2)班', '李小明', '2021001', '留守儿童|单亲', '营养餐|生活补助', 'ou_t1'],
  ['横渠镇中心小学', '五年级(1)班', '王芳', '2019017', '', '', ''],
  ['齐镇中心小学', '一年级(1)班', '赵磊', '2024003', '困境儿童、残疾儿童', '助学金', 'ou_t3'],
  ['横渠镇/中心小学', '二年级(3)班', '陈晨', '2023011', '脱贫家庭｜防返贫监测户', '雨露计划', 'ou_p4'],
];
// A made-up number in the shape of a national ID.
const ID = '610323201203150417';

const csvOf = (rows: readonly (readonly string[])[]) => rows.map((r) => r.join(',')).join('\r\n') + '\r\n';

let tmp: string;
let admin: CliOverDatabase | undefined;
const withDb = <T>(fn: (db: Db) => Promise<T>) => admin!.withDb(fn);

async function importFile(name: string, bytes: Uint8Array | string, ...flags: string[]): Promise<CliRun> {
  await writeFile(join(tmp, name), bytes);
  return admin!.cli('import-students', join(tmp, name), ...flags);
}

/** Every stored student as the admin would read it: school, number, name, class, lists, mentor, left or not. */
async function stored() {
  return withDb(async (db) => {
    const townName = new Map((await db.select().from(towns)).map((t) => [t.id, t.name]));
    const schoolName = new Map((await db.select().from(schools)).map((s) => [s.id, `${townName.get(s.townId)}/${s.name}`]));
    const openId = new Map((await db.select().from(people)).map((p) => [p.id, p.openId]));
    const rows = await db.select().from(students).orderBy(asc(students.id));
    return rows.map((s) => ({
      school: schoolName.get(s.schoolId),
      studentNo: s.studentNo,
      name: s.name,
      className: s.className,
      categories: s.categories,
      aid: s.aid,
      mentor: s.mentorId === null ? null : openId.get(s.mentorId),
      left: s.leftAt !== null,
    }));
  });
}

const audits = () => withDb((db) => db.select().from(auditLog).orderBy(asc(auditLog.id)));

/** Runs `importing`, expecting it to fail, and that neither a student nor an audit row changed. */
async function expectNothingWritten(importing: () => Promise<CliRun>): Promise<CliRun> {
  const before = { students: await stored(), audits: await audits() };
  const run = await importing();
  expect(run.code, run.stderr).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr).toContain('未导入任何学生');
  expect({ students: await stored(), audits: await audits() }).toEqual(before);
  return run;
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'ducha-students-'));
  admin = await cliOverFreshDatabase(tmp);
  await writeFile(join(tmp, 'roster.csv'), ROSTER);
  const roster = await admin.cli('import-roster', join(tmp, 'roster.csv'));
  if (roster.code !== 0) throw new Error(roster.stderr);
});

afterAll(async () => {
  await admin?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('npm run cli -- import-students', { timeout: 120_000 }, () => {
  it('imports a good file: classes, categories, aid and mentors stored, the school found by name or 镇街/学校名, one audit row', async () => {
    const run = await importFile('students.csv', csvOf([ENGLISH_HEADER, ...STUDENTS]));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe('已导入 4 名学生：新增 4，更新 0，未变 0，标记离校 0');
    expect(await stored()).toEqual([
      { school: '横渠镇/横渠镇中心小学', studentNo: '2021001', name: '李小明', className: '三年级(2)班', categories: ['留守儿童', '单亲'], aid: ['生活补助', '营养餐'], mentor: 'ou_t1', left: false },
      { school: '横渠镇/横渠镇中心小学', studentNo: '2019017', name: '王芳', className: '五年级(1)班', categories: [], aid: [], mentor: null, left: false },
      { school: '齐镇/齐镇中心小学', studentNo: '2024003', name: '赵磊', className: '一年级(1)班', categories: ['困境儿童', '残疾儿童'], aid: ['助学金'], mentor: 'ou_t3', left: false },
      { school: '横渠镇/中心小学', studentNo: '2023011', name: '陈晨', className: '二年级(3)班', categories: ['脱贫家庭', '防返贫监测户'], aid: ['雨露计划'], mentor: 'ou_p4', left: false },
    ]);
    const [audit, ...more] = await audits();
    expect(more).toEqual([]);
    expect(audit).toMatchObject({ personId: null, role: 'admin-cli', action: 'import_students', channel: 'cli', studentId: null });
    expect(audit!.detail).toContain('新增 4，更新 0，未变 0，标记离校 0');
  });

  it('re-imports a GBK CSV with Chinese headers: only the student whose class changed is updated', async () => {
    const moved = STUDENTS.map((s) => (s[3] === '2019017' ? [...s.slice(0, 1), '六年级(1)班', ...s.slice(2)] : s));
    const run = await importFile('gbk.csv', encodeGbk(csvOf([CHINESE_HEADER, ...moved])));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe('已导入 4 名学生：新增 0，更新 1，未变 3，标记离校 0');
    const wangFang = (await stored()).find((s) => s.studentNo === '2019017');
    expect(wangFang).toMatchObject({ name: '王芳', className: '六年级(1)班', left: false });
    expect(await audits()).toHaveLength(2);
  });

  it('reads an .xlsx and, with --prune, marks a student missing from it as left, keeping the row', async () => {
    const rows = [CHINESE_HEADER, ...STUDENTS.filter((s) => s[3] !== '2024003').map((s) => (s[3] === '2019017' ? [...s.slice(0, 1), '六年级(1)班', ...s.slice(2)] : s))];
    const run = await importFile('students.xlsx', await buildWorkbook([{ name: '学生', rows }]), '--prune');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe('已导入 3 名学生：新增 0，更新 0，未变 3，标记离校 1');
    const all = await stored();
    expect(all).toHaveLength(4);
    expect(all.filter((s) => s.left).map((s) => s.name)).toEqual(['赵磊']);
    expect(all.find((s) => s.name === '赵磊')).toMatchObject({ className: '一年级(1)班', categories: ['困境儿童', '残疾儿童'] });
  });

  it('takes a student who left back when the file lists them again', async () => {
    const run = await importFile('back.csv', csvOf([ENGLISH_HEADER, STUDENTS[2]!]));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe('已导入 1 名学生：新增 0，更新 1，未变 0，标记离校 0');
    expect((await stored()).filter((s) => s.left)).toEqual([]);
  });

  it('refuses a file with a national-ID or 学籍号 column, naming the column and why', async () => {
    for (const [name, header] of [
      ['id-column.csv', '身份证号'],
      ['xjh-column.csv', '学籍号'],
      ['english-id-column.csv', 'national_id'],
    ] as const) {
      const run = await expectNothingWritten(() => importFile(name, csvOf([[...ENGLISH_HEADER, header], [...STUDENTS[0]!, '']])));
      expect(run.stderr, name).toContain(`第 1 行：第 8 列「${header}」看起来是身份证号或学籍号`);
      expect(run.stderr, name).toContain('不保存身份证号和学籍号');
    }
  });

  it('refuses a cell holding something shaped like a national ID, naming line and column but never the number', async () => {
    const header = [...ENGLISH_HEADER, '备注'];
    const run = await expectNothingWritten(() =>
      importFile(
        'id-cell.csv',
        csvOf([
          header,
          [...STUDENTS[0]!, '家长已签字'],
          [...STUDENTS[1]!, `学籍号G${ID}`],
          ['横渠镇中心小学', '四年级(1)班', '孙悦', `${ID.slice(0, 17)}X`, '', '', '', ''],
        ]),
      ),
    );
    expect(run.stderr).toContain('第 3 行：第 8 列「备注」中有像身份证号或学籍号的内容');
    expect(run.stderr).toContain('第 4 行：第 4 列「student_no」中有像身份证号或学籍号的内容');
    expect(run.stderr).not.toContain(ID.slice(0, 17));
    expect(run.stderr).not.toMatch(/\d{10}/);
  });

  it('refuses an ID that a workbook stores as a number (Excel shows 6.10323E+17)', async () => {
    const rows = [ENGLISH_HEADER, ['横渠镇中心小学', '四年级(1)班', '孙悦', Number(ID), '', '', '']];
    const run = await expectNothingWritten(async () => importFile('numeric-id.xlsx', await buildWorkbook([{ name: '学生', rows }])));
    expect(run.stderr).toContain('第 2 行：第 4 列「student_no」中有像身份证号或学籍号的内容');
    expect(run.stderr).not.toMatch(/\d{10}/);
  });

  it('lists every problem by line, several on one line too (unknown or ambiguous school, bad category or aid, a mentor of another school, a repeated number) and writes nothing', async () => {
    const run = await expectNothingWritten(() =>
      importFile(
        'bad.csv',
        csvOf([
          ENGLISH_HEADER,
          ['横渠镇中心小学', '三年级(2)班', '李小明', '2021001', '留守儿童', '', ''], // fine, and changed: still not written
          ['红旗小学', '一年级(1)班', '周一', '1', '孤儿|留守', '', ''],
          ['横渠镇中心小学', '一年级(1)班', '周二', '2', '留守', '', ''],
          ['横渠镇中心小学', '一年级(1)班', '周三', '3', '', '奖学金', ''],
          ['横渠镇中心小学', '一年级(1)班', '周四', '4', '', '', 'ou_t3'],
          ['中心小学', '一年级(1)班', '周五', '5', '', '', ''],
          ['横渠镇中心小学', '一年级(1)班', '周六', '2021001', '', '', ''],
          ['横渠镇中心小学', '一年级(1)班', '周日', '7', '', '', 'ou_b1'],
        ]),
      ),
    );
    expect(run.stderr).toContain('发现 8 个问题');
    expect(run.stderr).toContain('第 3 行：未知类别「留守」');
    expect(run.stderr).toContain('第 3 行：没有名为「红旗小学」的学校');
    expect(run.stderr).toContain('第 4 行：未知类别「留守」');
    expect(run.stderr).toContain('第 5 行：未知资助项目「奖学金」');
    expect(run.stderr).toContain('第 6 行：帮扶教师「陈静」（ou_t3）不是「横渠镇中心小学」的教师或校长');
    expect(run.stderr).toContain('第 7 行：「中心小学」在多个镇街都有（横渠镇、齐镇），请写成 镇街/学校名');
    expect(run.stderr).toContain('第 8 行：学校「横渠镇中心小学」的校内编号「2021001」与第 2 行重复');
    expect(run.stderr).toContain('第 9 行：「周强」（ou_b1）不是教师或校长');
  });

  it('refuses a file without the needed columns, and prints its usage without a file', async () => {
    const run = await expectNothingWritten(() => importFile('no-number.csv', csvOf([['school', 'class', 'name', 'categories', 'aid'], ['横渠镇中心小学', '一年级', '周一', '', '']])));
    expect(run.stderr).toContain('第 1 行：表头缺少必需列：student_no（校内编号）');
    const usage = await admin!.cli('import-students');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('用法：npm run cli -- import-students');
  });
});
