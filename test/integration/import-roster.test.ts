import { asc, count } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { people, schools, towns } from '../../src/db/schema/index.js';
import { DEMO_BUREAU_CHAT_ID, DEMO_TOWNS } from '../../src/domain/roster/demo-county.js';
import { importRoster } from '../../src/domain/roster/import-roster.js';
import { parseRosterCsv } from '../../src/domain/roster/parse-roster-csv.js';
import type { RosterRow } from '../../src/domain/roster/roster-row.js';
import { seedDemoCounty } from '../../src/domain/roster/seed-demo-county.js';
import { DomainError } from '../../src/errors.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

const HEADER = 'town,school,education_group,name,role,open_id,chat_id';

/** Rows as the CLI would hand them over, from CSV lines under the header. */
function rosterOf(...lines: string[]): RosterRow[] {
  return rosterWithHeader(HEADER, lines);
}

function rosterWithHeader(header: string, lines: string[]): RosterRow[] {
  const parsed = parseRosterCsv([header, ...lines].join('\n') + '\n');
  if (!parsed.ok) throw new Error(`fixture does not parse: ${JSON.stringify(parsed.problems)}`);
  return parsed.rows;
}

const LINES = {
  p1: '横渠镇,横渠镇中心小学,横渠教育集团,王建华,principal,ou_p1,oc_s1',
  t1: '横渠镇,横渠镇中心小学,横渠教育集团,张国敏,teacher,ou_t1,oc_s1',
  t2: '横渠镇,横渠镇中心小学,横渠教育集团,李志军,teacher,ou_t2,oc_s1',
  p2: '横渠镇,横渠初级中学,,刘海涛,principal,ou_p2,oc_s2',
  t3: '横渠镇,横渠初级中学,,杨丽娟,teacher,ou_t3,oc_s2',
  p3: '齐镇,齐镇中心小学,,赵明,principal,ou_p3,oc_s3',
  t4: '齐镇,齐镇中心小学,,陈静,teacher,ou_t4,oc_s3',
  b1: ',,,周强,bureau,ou_b1,oc_bureau',
  a1: ',,,吴敏,admin,ou_a1,',
};
const ROSTER = rosterOf(...Object.values(LINES));

const T0 = new Date('2026-11-20T10:00:00+08:00');
const T1 = new Date('2026-11-21T10:00:00+08:00');
const T2 = new Date('2026-11-22T10:00:00+08:00');
const T3 = new Date('2026-11-23T10:00:00+08:00');
const T4 = new Date('2026-11-24T10:00:00+08:00');

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

// One database per file: each test starts from an empty roster (nothing here creates check-ins).
beforeEach(async () => {
  await database.db.delete(people);
  await database.db.delete(schools);
  await database.db.delete(towns);
});

async function snapshot() {
  const db = database.db;
  return {
    towns: await db.select().from(towns).orderBy(asc(towns.id)),
    schools: await db.select().from(schools).orderBy(asc(schools.id)),
    people: await db.select().from(people).orderBy(asc(people.id)),
  };
}

async function counts() {
  const db = database.db;
  const [t] = await db.select({ n: count() }).from(towns);
  const [s] = await db.select({ n: count() }).from(schools);
  const [p] = await db.select({ n: count() }).from(people);
  return { towns: t!.n, schools: s!.n, people: p!.n };
}

async function personByOpenId() {
  const { people: all } = await snapshot();
  return new Map(all.map((p) => [p.openId, p]));
}

describe('importRoster: a school\'s role in its education group', () => {
  const GROUP_HEADER = '镇街,学校,教育集团,集团角色,姓名,角色,open_id,群id';
  const lines = (roleOfS1: string, roleOfS2: string) => [
    `横渠镇,横渠镇中心小学,横渠教育集团,${roleOfS1},王建华,校长,ou_p1,oc_s1`,
    `横渠镇,横渠镇中心小学,横渠教育集团,${roleOfS1},张国敏,老师,ou_t1,oc_s1`,
    `横渠镇,横渠初级中学,横渠教育集团,${roleOfS2},刘海涛,校长,ou_p2,oc_s2`,
    '齐镇,齐镇中心小学,,,赵明,校长,ou_p3,oc_s3',
    ',,,,周强,教育局,ou_b1,oc_bureau',
  ];
  const storedRoles = async () => new Map((await snapshot()).schools.map((s) => [s.name, s.groupRole]));

  it('stores the role on the school, null when empty, and a later file changes or clears it', async () => {
    const first = await importRoster(database.db, T0, rosterWithHeader(GROUP_HEADER, lines('核心校', '薄弱')));
    expect(first).toEqual({ towns: 2, schools: 3, created: 5, updated: 0, unchanged: 0, deactivated: 0 });
    expect(await storedRoles()).toEqual(
      new Map([
        ['横渠镇中心小学', 'core'],
        ['横渠初级中学', 'weak'],
        ['齐镇中心小学', null],
      ]),
    );

    // The same roles spelled otherwise (English, the full 薄弱校) change nothing.
    const before = await snapshot();
    await importRoster(database.db, T1, rosterWithHeader(GROUP_HEADER, lines('core', '薄弱校')));
    expect(await snapshot()).toEqual(before);

    // A changed role (in Traditional script) and an emptied one.
    await importRoster(database.db, T2, rosterWithHeader(GROUP_HEADER, lines('成員校', '')));
    expect(await storedRoles()).toEqual(
      new Map([
        ['横渠镇中心小学', 'member'],
        ['横渠初级中学', null],
        ['齐镇中心小学', null],
      ]),
    );

    // A file without the column leaves every school without a role.
    await importRoster(database.db, T3, ROSTER);
    for (const s of (await snapshot()).schools) expect(s.groupRole, s.name).toBeNull();
  });

  it('refuses the whole file for a bad role, so nothing is stored', async () => {
    const bad = parseRosterCsv(
      [
        GROUP_HEADER,
        ...lines('核心校', '牵头校'),
        '齐镇,齐镇初级中学,,核心校,陈静,校长,ou_p4,oc_s4',
        '横渠镇,横渠镇中心小学,横渠教育集团,成员校,李志军,老师,ou_t2,oc_s1',
        ',,,薄弱校,吴敏,管理员,ou_a1,',
      ].join('\n') + '\n',
    );
    expect(bad).toEqual({
      ok: false,
      problems: [
        { line: 4, reason: '未知集团角色「牵头校」，应为 核心校、成员校、薄弱校（或 核心、成员、薄弱，英文 core、member、weak）' },
        { line: 7, reason: '填写了集团角色「核心校」，但没有填写教育集团（education_group）' },
        { line: 8, reason: '学校「横渠镇横渠镇中心小学」的集团角色「成员校」与第 2 行的「核心校」不一致' },
        { line: 9, reason: '管理员不属于学校，须留空：group_role「薄弱校」' },
      ],
    });
    expect(await counts()).toEqual({ towns: 0, schools: 0, people: 0 });
  });
});

// Last: the demo county also seeds students, whom beforeEach's deletes would trip over.
describe('importRoster', () => {
  it('creates towns, schools and people from a good file', async () => {
    const report = await importRoster(database.db, T0, ROSTER);
    expect(report).toEqual({ towns: 2, schools: 3, created: 9, updated: 0, unchanged: 0, deactivated: 0 });

    const { towns: townRows, schools: schoolRows, people: peopleRows } = await snapshot();
    expect(townRows.map((t) => t.name).sort()).toEqual(['横渠镇', '齐镇'].sort());
    const townId = new Map(townRows.map((t) => [t.name, t.id]));

    expect(schoolRows).toHaveLength(3);
    const school = new Map(schoolRows.map((s) => [s.name, s]));
    expect(school.get('横渠镇中心小学')).toMatchObject({ townId: townId.get('横渠镇'), educationGroup: '横渠教育集团', chatId: 'oc_s1' });
    expect(school.get('横渠初级中学')).toMatchObject({ townId: townId.get('横渠镇'), educationGroup: null, chatId: 'oc_s2' });
    expect(school.get('齐镇中心小学')).toMatchObject({ townId: townId.get('齐镇'), educationGroup: null, chatId: 'oc_s3' });

    expect(peopleRows).toHaveLength(9);
    const byOpenId = new Map(peopleRows.map((p) => [p.openId, p]));
    const s1 = school.get('横渠镇中心小学')!.id;
    const s2 = school.get('横渠初级中学')!.id;
    const s3 = school.get('齐镇中心小学')!.id;
    const expected = {
      ou_p1: { name: '王建华', role: 'principal', schoolId: s1, chatId: 'oc_s1' },
      ou_t1: { name: '张国敏', role: 'teacher', schoolId: s1, chatId: 'oc_s1' },
      ou_t2: { name: '李志军', role: 'teacher', schoolId: s1, chatId: 'oc_s1' },
      ou_p2: { name: '刘海涛', role: 'principal', schoolId: s2, chatId: 'oc_s2' },
      ou_t3: { name: '杨丽娟', role: 'teacher', schoolId: s2, chatId: 'oc_s2' },
      ou_p3: { name: '赵明', role: 'principal', schoolId: s3, chatId: 'oc_s3' },
      ou_t4: { name: '陈静', role: 'teacher', schoolId: s3, chatId: 'oc_s3' },
      ou_b1: { name: '周强', role: 'bureau', schoolId: null, chatId: 'oc_bureau' },
      ou_a1: { name: '吴敏', role: 'admin', schoolId: null, chatId: null },
    };
    for (const [openId, want] of Object.entries(expected)) {
      expect(byOpenId.get(openId), openId).toMatchObject({ ...want, active: true, updatedAt: T0 });
    }
  });

  it('changes nothing when the same file is imported again', async () => {
    await importRoster(database.db, T0, ROSTER);
    const before = await snapshot();

    const report = await importRoster(database.db, T1, ROSTER);
    expect(report).toEqual({ towns: 2, schools: 3, created: 0, updated: 0, unchanged: 9, deactivated: 0 });
    const after = await snapshot();
    expect(after).toEqual(before);
    for (const p of after.people) expect(p.updatedAt).toEqual(T0);
  });

  it('updates only the person whose row changed (name, school, role)', async () => {
    await importRoster(database.db, T0, ROSTER);
    const before = await personByOpenId();
    const schoolIds = new Map((await snapshot()).schools.map((s) => [s.name, s.id]));

    const changed = rosterOf(
      LINES.p1,
      '横渠镇,横渠镇中心小学,横渠教育集团,张国民,teacher,ou_t1,oc_s1', // renamed
      '横渠镇,横渠初级中学,,李志军,teacher,ou_t2,oc_s2', // moved to another school
      LINES.p2,
      '横渠镇,横渠初级中学,,杨丽娟,principal,ou_t3,oc_s2', // promoted
      LINES.p3,
      LINES.t4,
      LINES.b1,
      LINES.a1,
    );
    const report = await importRoster(database.db, T1, changed);
    expect(report).toMatchObject({ created: 0, updated: 3, unchanged: 6, deactivated: 0 });

    const after = await personByOpenId();
    expect(after.size).toBe(9);
    expect(after.get('ou_t1')).toMatchObject({ id: before.get('ou_t1')!.id, name: '张国民', role: 'teacher', updatedAt: T1 });
    expect(after.get('ou_t2')).toMatchObject({
      id: before.get('ou_t2')!.id,
      name: '李志军',
      schoolId: schoolIds.get('横渠初级中学'),
      chatId: 'oc_s2',
      updatedAt: T1,
    });
    expect(after.get('ou_t3')).toMatchObject({ id: before.get('ou_t3')!.id, role: 'principal', schoolId: schoolIds.get('横渠初级中学'), updatedAt: T1 });
    for (const openId of ['ou_p1', 'ou_p2', 'ou_p3', 'ou_t4', 'ou_b1', 'ou_a1']) {
      expect(after.get(openId), openId).toEqual(before.get(openId));
    }
  });

  it('keeps people missing from the file unless prune deactivates them; a later import reactivates them', async () => {
    await importRoster(database.db, T0, ROSTER);
    const partial = ROSTER.filter((r) => r.openId !== 'ou_t4' && r.openId !== 'ou_b1');

    // Without prune: the missing people stay, untouched.
    const kept = await importRoster(database.db, T1, partial);
    expect(kept).toMatchObject({ created: 0, updated: 0, unchanged: 7, deactivated: 0 });
    let now = await personByOpenId();
    expect(now.get('ou_t4')).toMatchObject({ active: true, updatedAt: T0 });
    expect(now.get('ou_b1')).toMatchObject({ active: true, updatedAt: T0 });

    // With prune: exactly the missing people are deactivated (not deleted).
    const pruned = await importRoster(database.db, T2, partial, { prune: true });
    expect(pruned).toMatchObject({ created: 0, updated: 0, unchanged: 7, deactivated: 2 });
    now = await personByOpenId();
    expect(now.size).toBe(9);
    expect(now.get('ou_t4')).toMatchObject({ active: false, updatedAt: T2 });
    expect(now.get('ou_b1')).toMatchObject({ active: false, updatedAt: T2 });
    for (const p of now.values()) {
      if (p.openId !== 'ou_t4' && p.openId !== 'ou_b1') expect(p, p.openId).toMatchObject({ active: true, updatedAt: T0 });
    }

    // Pruning again does not count the already inactive people a second time.
    const again = await importRoster(database.db, T3, partial, { prune: true });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 7, deactivated: 0 });
    expect((await personByOpenId()).get('ou_t4')).toMatchObject({ active: false, updatedAt: T2 });

    // Back in the file: reactivated, same person row.
    const back = await importRoster(database.db, T4, ROSTER);
    expect(back).toMatchObject({ created: 0, updated: 2, unchanged: 7, deactivated: 0 });
    const final = await personByOpenId();
    expect(final.get('ou_t4')).toMatchObject({ id: now.get('ou_t4')!.id, active: true, updatedAt: T4 });
    expect(final.get('ou_b1')).toMatchObject({ id: now.get('ou_b1')!.id, active: true, updatedAt: T4 });
  });

  it("refuses a school whose chat_id another school in the database already has, and writes nothing", async () => {
    await importRoster(database.db, T0, ROSTER);
    const beforeCounts = await counts();
    const before = await snapshot();

    // A new town and school first (written, then rolled back), a changed person, then the clash.
    const clashing = rosterOf(
      '金渠镇,金渠镇中心小学,,新校长,principal,ou_new_p,oc_s9',
      ',,,周强华,bureau,ou_b1,oc_bureau',
      '汤峪镇,汤峪镇中心小学,,新老师,teacher,ou_new_t,oc_s1',
    );
    const attempt = importRoster(database.db, T1, clashing, { prune: true });
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({ code: 'chat_in_use' });

    expect(await counts()).toEqual(beforeCounts);
    expect(await snapshot()).toEqual(before);
  });

  it('imports schools without a 群id, keeps a chat bound since when the file gives none, and takes a new 群id as a new binding', async () => {
    const db = database.db;
    const noChat = rosterWithHeader('town,school,name,role,open_id', ['横渠镇,横渠镇中心小学,王建华,principal,ou_p1', '横渠镇,横渠镇中心小学,张国敏,teacher,ou_t1']);
    await importRoster(db, T0, noChat);
    const school = async () => (await db.select({ chatId: schools.chatId, botRemovedAt: schools.botRemovedAt }).from(schools))[0];
    const staffChats = async () => (await db.select({ chatId: people.chatId }).from(people).orderBy(asc(people.id))).map((p) => p.chatId);
    expect(await school()).toEqual({ chatId: null, botRemovedAt: null });
    expect(await staffChats()).toEqual([null, null]);
    // Bound in Lark, then the bot removed from it: a re-import without 群id changes nothing.
    await db.update(schools).set({ chatId: 'oc_bound', botRemovedAt: T1 });
    await db.update(people).set({ chatId: 'oc_bound' });
    expect(await importRoster(db, T2, noChat)).toMatchObject({ updated: 0, unchanged: 2 });
    expect(await school()).toEqual({ chatId: 'oc_bound', botRemovedAt: T1 });
    // The same chat named in the file keeps what is known of it; another chat is a new binding, for the staff too.
    await importRoster(db, T3, rosterOf('横渠镇,横渠镇中心小学,,王建华,principal,ou_p1,oc_bound'));
    expect(await school()).toEqual({ chatId: 'oc_bound', botRemovedAt: T1 });
    await importRoster(db, T4, rosterOf('横渠镇,横渠镇中心小学,,王建华,principal,ou_p1,oc_new', '横渠镇,横渠镇中心小学,,张国敏,teacher,ou_t1,'));
    expect(await school()).toEqual({ chatId: 'oc_new', botRemovedAt: null });
    expect(await staffChats()).toEqual(['oc_new', 'oc_new']);
  });

  it('imports the demo county: 8 towns, 16 schools, 113 people', async () => {
    const report = await seedDemoCounty(database.db, T0);
    expect(report).toEqual({ towns: 8, schools: 16, created: 113, updated: 0, unchanged: 0, deactivated: 0, calendarPeriods: 4, students: 96 });
    expect(await counts()).toEqual({ towns: 8, schools: 16, people: 113 });

    const { towns: townRows, schools: schoolRows, people: peopleRows } = await snapshot();
    expect(new Set(townRows.map((t) => t.name))).toEqual(new Set(DEMO_TOWNS));
    expect(new Set(schoolRows.map((s) => s.chatId)).size).toBe(16);
    for (const s of schoolRows) expect(s.name).toMatch(/示例/);
    expect(peopleRows.filter((p) => p.role === 'principal')).toHaveLength(16);
    const bureauChat = peopleRows.filter((p) => p.chatId === DEMO_BUREAU_CHAT_ID);
    expect(bureauChat.filter((p) => p.role === 'bureau')).toHaveLength(2);
    for (const p of bureauChat) expect(p.schoolId).toBeNull();
    for (const p of peopleRows) expect(p.active).toBe(true);

    // Each group's 核心校, 成员校 and 薄弱校 as the demo county gives them; 齐镇 has no group and no role.
    const roles = new Map(schoolRows.map((s) => [s.name, s.groupRole]));
    expect(roles.get('首善街道中心小学(示例)')).toBe('core');
    expect(roles.get('金渠初级中学(示例)')).toBe('weak');
    expect(roles.get('汤峪镇中心小学(示例)')).toBe('member');
    expect(roles.get('齐镇中心小学(示例)')).toBeNull();
    expect(schoolRows.filter((s) => s.groupRole === 'core')).toHaveLength(4);
    expect(schoolRows.filter((s) => s.groupRole === 'weak')).toHaveLength(3);
    expect(schoolRows.filter((s) => s.groupRole === 'member')).toHaveLength(7);

    // Seeding again changes nothing.
    const again = await seedDemoCounty(database.db, T1);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 113, calendarPeriods: 0, students: 0 });
    expect(await counts()).toEqual({ towns: 8, schools: 16, people: 113 });
  });
});
