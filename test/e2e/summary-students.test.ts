import { and, eq, lt } from 'drizzle-orm';
import { purgeRecords } from '../../src/domain/register/purge-records.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { homeVisits, people, schools, students, towns, type AlertLevel, type StudentCategory, type VisitMode } from '../../src/db/schema/index.js';
import type { SandboxMessage } from '../../src/lark/sandbox/sandbox-state.js';
import { FIXTURE_STUDENTS, seedFixtureStudents } from '../fixtures/students.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';

const OFFICER = 'ou_demo_b1';
const BUREAU = 'oc_demo_bureau';
const NOW = '2026-12-01T09:00:00+08:00';

/** A place's children as the card writes them; categories by the names the line uses. */
type Children = {
  listed: number;
  categories: Record<string, number>;
  home: number;
  phone: number;
  video: number;
  alert: number;
  watch: number;
  unvisited: number;
};

const num = (text: string, pattern: RegExp) => {
  const m = pattern.exec(text);
  expect(m, `${pattern} in:\n${text}`).not.toBeNull();
  return Number(m![1]);
};

/** The scope's 学生情况 block: `特殊群体学生 **5** 人：留守儿童 1 · …`, `家访 **4** 次：入户 1 · …`, `预警 **1** 人 · …`. */
function readScope(text: string): Children & { month: string } {
  const block = text.slice(text.indexOf('**学生情况**'));
  const categoryLine = /特殊群体学生 \*\*\d+\*\* 人：(.*)/.exec(block)![1]!;
  return {
    month: /家访为 (\d{4}-\d{2}) 的记录/.exec(block)![1]!,
    listed: num(block, /特殊群体学生 \*\*(\d+)\*\* 人/),
    categories: Object.fromEntries([...categoryLine.matchAll(/(\S+) (\d+)/g)].map((m) => [m[1]!, Number(m[2])])),
    home: num(block, /入户 (\d+)/),
    phone: num(block, /电话 (\d+)/),
    video: num(block, /视频 (\d+)/),
    alert: num(block, /预警 \*\*(\d+)\*\* 人/),
    watch: num(block, /关注 \*\*(\d+)\*\* 人/),
    unvisited: num(block, /未家访 \*\*(\d+)\*\* 人/),
  };
}

/** The `学生：` line right under the line naming `place` (a school, or a town's heading), if any. */
function childLineUnder(text: string, place: string): string | undefined {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.includes(place));
  expect(at, `${place} in:\n${text}`).toBeGreaterThanOrEqual(0);
  const next = lines[at + 1] ?? '';
  return next.trim().startsWith('学生：') ? next : undefined;
}

/** `　学生：特殊群体 4（留守 1 · 脱贫 1）· 家访 入户 1 / 电话 2 / 视频 1 · 预警 1 · 关注 1 · 未家访 2`. */
function readLine(line: string): Children {
  const categories = /特殊群体 \d+（([^）]*)）/.exec(line)?.[1] ?? '';
  return {
    listed: num(line, /特殊群体 (\d+)/),
    categories: Object.fromEntries([...categories.matchAll(/(\S+) (\d+)/g)].map((m) => [m[1]!, Number(m[2])])),
    home: num(line, /入户 (\d+)/),
    phone: num(line, /电话 (\d+)/),
    video: num(line, /视频 (\d+)/),
    alert: num(line, /预警 (\d+)/),
    watch: num(line, /关注 (\d+)/),
    unvisited: num(line, /未家访 (\d+)/),
  };
}

const ALL_ZERO_CATEGORIES = { 留守儿童: 0, 困境儿童: 0, 残疾儿童: 0, 脱贫家庭: 0, 防返贫监测户: 0, 单亲: 0, 孤儿: 0 };

describe('汇总 shows the children’s numbers per school, town and county, and never a child', () => {
  let ducha: TestDucha;
  let school1: { name: string; town: string };
  let school2: { name: string; town: string };

  const studentId = async (chat: string, studentNo: string) => {
    const [row] = await ducha.db
      .select({ id: students.id })
      .from(students)
      .innerJoin(schools, eq(schools.id, students.schoolId))
      .where(and(eq(schools.chatId, chat), eq(students.studentNo, studentNo)));
    return row!.id;
  };
  const schoolOfChat = async (chat: string) => {
    const [row] = await ducha.db
      .select({ name: schools.name, town: towns.name })
      .from(schools)
      .innerJoin(towns, eq(towns.id, schools.townId))
      .where(eq(schools.chatId, chat));
    return row!;
  };
  const setLevel = async (chat: string, studentNo: string, alertLevel: AlertLevel) =>
    ducha.db.update(students).set({ alertLevel }).where(eq(students.id, await studentId(chat, studentNo)));
  const visit = async (chat: string, studentNo: string, visitedOn: string, mode: VisitMode) => {
    const [teacher] = await ducha.db.select({ id: people.id }).from(people).where(eq(people.openId, 'ou_demo_t0101'));
    await ducha.db.insert(homeVisits).values({
      studentId: await studentId(chat, studentNo),
      teacherId: teacher!.id,
      visitedOn,
      mode,
      findings: '家中情况稳定',
      recordedAt: new Date(NOW),
    });
  };

  beforeAll(async () => {
    ducha = await startTestDucha({ now: NOW, roster: 'demo' });
    await ducha.tick();
    await seedFixtureStudents(ducha.db, new Date(NOW));
    school1 = await schoolOfChat('oc_demo_school_01');
    school2 = await schoolOfChat('oc_demo_school_02');
    const s1 = 'oc_demo_school_01';
    const s2 = 'oc_demo_school_02';
    // 欧阳雨辰 has two categories: counted once in each.
    await ducha.db
      .update(students)
      .set({ categories: ['残疾儿童', '孤儿'] satisfies StudentCategory[] })
      .where(eq(students.id, await studentId(s1, '2026005')));
    await setLevel(s1, '2026001', 'alert'); // 蒋小鹿
    await setLevel(s1, '2026003', 'watch'); // 沈一鸣 without a category: at risk by the level alone
    await setLevel(s2, '2026001', 'watch'); // 江月白
    await visit(s1, '2026001', '2026-12-03', 'home');
    await visit(s1, '2026001', '2026-12-05', 'phone');
    await visit(s1, '2026002', '2026-12-31', 'phone'); // the month's last day counts
    await visit(s1, '2026005', '2026-12-10', 'video');
    await visit(s1, '2026004', '2026-11-28', 'home'); // 柳星: November, not December
    await visit(s2, '2026001', '2027-01-02', 'home'); // 江月白: January, not December
    // A student who left is not counted, whatever the register says of them.
    const [school] = await ducha.db.select({ id: schools.id }).from(schools).where(eq(schools.chatId, s2));
    await ducha.db.insert(students).values({
      schoolId: school!.id,
      studentNo: '2026099',
      name: '韦离校',
      className: '初二1班',
      categories: ['留守儿童'],
      alertLevel: 'alert',
      leftAt: new Date('2026-11-15T00:00:00+08:00'),
      updatedAt: new Date(NOW),
    });
    ducha.setTime('2026-12-20T10:00:00+08:00');
  });
  afterAll(() => ducha?.close());

  /** The officer asks in the bureau chat, or 1:1 with `{ p2p: true }`. */
  async function askForCard(text: string, o: { p2p?: boolean } = {}): Promise<SandboxMessage> {
    const { reply } = await ducha.say(OFFICER, text, o.p2p ? undefined : BUREAU);
    expect(reply!.msg_type, reply!.text).toBe('interactive');
    return reply!;
  }

  const school1December: Children = {
    listed: 4,
    categories: { 留守: 1, 残疾: 1, 脱贫: 1, 单亲: 1, 孤儿: 1 },
    home: 1,
    phone: 2,
    video: 1,
    alert: 1,
    watch: 1,
    // 沈一鸣 (关注, no category) and 柳星 (visited in November only).
    unvisited: 2,
  };
  const school2December: Children = { listed: 1, categories: { 困境: 1 }, home: 0, phone: 0, video: 0, alert: 0, watch: 1, unvisited: 1 };

  it('「汇总」 in the bureau chat: the county block, every category, the month’s visits by kind, 预警/关注 and the unvisited', async () => {
    const card = await askForCard('汇总');
    expect(card.chat_id).toBe(BUREAU);
    expect(readScope(card.text)).toEqual({
      month: '2026-12',
      listed: 5,
      categories: { ...ALL_ZERO_CATEGORIES, 留守儿童: 1, 困境儿童: 1, 残疾儿童: 1, 脱贫家庭: 1, 单亲: 1, 孤儿: 1 },
      home: 1,
      phone: 2,
      video: 1,
      alert: 1,
      watch: 2,
      unvisited: 3,
    });
  });

  it('each school with students has its line under it; schools without have none', async () => {
    const text = (await askForCard('汇总')).text;
    expect(readLine(childLineUnder(text, school1.name)!)).toEqual(school1December);
    expect(readLine(childLineUnder(text, school2.name)!)).toEqual(school2December);
    const school3 = await schoolOfChat('oc_demo_school_03');
    expect(childLineUnder(text, school3.name)).toBeUndefined();
  });

  it('each town with students has its totals under its heading', async () => {
    const text = (await askForCard('汇总')).text;
    const heading = (town: string) => text.split('\n').find((l) => l.startsWith(`**${town}**`))!;
    const townLine = (town: string) => childLineUnder(text, heading(town));
    if (school1.town === school2.town) {
      expect(readLine(townLine(school1.town)!)).toEqual({
        listed: 5,
        categories: { 留守: 1, 困境: 1, 残疾: 1, 脱贫: 1, 单亲: 1, 孤儿: 1 },
        home: 1,
        phone: 2,
        video: 1,
        alert: 1,
        watch: 2,
        unvisited: 3,
      });
    } else {
      expect(readLine(townLine(school1.town)!)).toEqual(school1December);
      expect(readLine(townLine(school2.town)!)).toEqual(school2December);
    }
    const quiet = ['首善街道', '横渠镇', '槐芽镇', '汤峪镇', '常兴镇', '金渠镇', '营头镇', '齐镇'].find((t) => t !== school1.town && t !== school2.town)!;
    expect(townLine(quiet)).toBeUndefined();
  });

  it('「汇总 学校名」 shows that school’s numbers once, as the scope', async () => {
    const card = await askForCard(`汇总 ${school1.name}`);
    const { month, categories, ...scope } = readScope(card.text);
    expect(month).toBe('2026-12');
    expect(categories).toEqual({ ...ALL_ZERO_CATEGORIES, 留守儿童: 1, 残疾儿童: 1, 脱贫家庭: 1, 单亲: 1, 孤儿: 1 });
    const { categories: _short, ...line } = school1December;
    expect(scope).toEqual(line);
    expect(card.text.match(/学生：/g)).toBeNull();
  });

  it('「汇总 镇街」 shows that town’s numbers as the scope, and its schools’ lines', async () => {
    const card = await askForCard(`汇总 ${school1.town}`);
    const other = school1.town === school2.town ? [school2December] : [];
    const listed = [school1December, ...other].reduce((n, c) => n + c.listed, 0);
    const unvisited = [school1December, ...other].reduce((n, c) => n + c.unvisited, 0);
    expect(readScope(card.text)).toMatchObject({ month: '2026-12', listed, home: 1, phone: 2, video: 1, unvisited });
    expect(readLine(childLineUnder(card.text, school1.name)!)).toEqual(school1December);
  });

  it('1:1 with the bot the officer gets the same numbers', async () => {
    const card = await askForCard('汇总', { p2p: true });
    expect(card.chat_type).toBe('p2p');
    expect(readScope(card.text)).toMatchObject({ listed: 5, home: 1, phone: 2, video: 1, alert: 1, watch: 2, unvisited: 3 });
    expect(readLine(childLineUnder(card.text, school1.name)!)).toEqual(school1December);
  });

  it('a principals’ campaign card (汇总 月有安排) carries no children’s numbers', async () => {
    const card = await askForCard('汇总 月有安排');
    expect(card.text).not.toContain('学生情况');
    expect(card.text).not.toContain('学生：');
  });

  it('in January, 「汇总」 counts January’s visits against today’s register, and 「汇总 2026-12」 still December’s', async () => {
    await ducha.tick('2027-01-04T10:00:00+08:00');
    const scope = readScope((await askForCard('汇总')).text);
    expect(scope).toMatchObject({ month: '2027-01', listed: 5, home: 1, phone: 0, video: 0, alert: 1, watch: 2 });
    // Six at risk now; only 江月白 was visited in January.
    expect(scope.unvisited).toBe(5);
    expect(readScope((await askForCard('汇总 2026-12')).text)).toMatchObject({ month: '2026-12', home: 1, phone: 2, video: 1, unvisited: 3 });
  });

  it('open dropout cases are counted per school and in the scope, in red (the goal is zero)', async () => {
    const zero = JSON.stringify((await askForCard('汇总')).content);
    expect(zero).toContain('控辍保学：未结案 **0** 件（目标为 0）');
    await ducha.say('ou_demo_t0101', '辍学 欧阳雨辰 连续一周未到校');
    const card = JSON.stringify((await askForCard('汇总')).content);
    expect(card).toContain("控辍保学：未结案 <font color='red'>**1**</font> 件（目标为 0）");
    expect(card).toContain("辍学 <font color='red'>1</font>");
  });

  it('purge empties December’s visit texts, and 「汇总 2026-12」 still adds up the same', async () => {
    const before = readScope((await askForCard('汇总 2026-12')).text);
    const purged = await purgeRecords(ducha.db, ducha.clock.now(), { before: '2027-01-01', timeZone: 'Asia/Shanghai', dryRun: false });
    expect(purged).toMatchObject({ ok: true });
    const texts = await ducha.db.select({ findings: homeVisits.findings }).from(homeVisits).where(lt(homeVisits.visitedOn, '2027-01-01'));
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.every((v) => v.findings === null)).toBe(true);
    expect(readScope((await askForCard('汇总 2026-12')).text)).toEqual(before);
  });

  it('no card names a child, a number or a class, in the group or 1:1', async () => {
    const cards = ducha.botMessages().filter((m) => m.msg_type === 'interactive' && m.text.includes('学生情况'));
    expect(cards.length).toBeGreaterThanOrEqual(6);
    expect(cards.some((c) => c.chat_type === 'group')).toBe(true);
    const known = [...FIXTURE_STUDENTS, { name: '韦离校', studentNo: '2026099', className: '初二1班' }];
    for (const card of cards) {
      const raw = `${card.text}\n${JSON.stringify(card.content)}`;
      for (const s of known) {
        expect(raw).not.toContain(s.name);
        expect(raw).not.toContain(s.studentNo);
        expect(raw).not.toContain(s.className);
      }
    }
  });
});
