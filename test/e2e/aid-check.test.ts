import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aidCoverageBySchool } from '../../src/db/queries/aid-check.js';
import { aidFollowups, auditLog, homeVisits, schools, students } from '../../src/db/schema/index.js';
import { seedDemoSchoolCalendar } from '../../src/domain/calendar/demo-school-calendar.js';
import { callbackValues } from '../helpers/card-tree.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';
import { seedFixtureStudents } from '../fixtures/students.js';

const SCHOOL_01 = 'oc_demo_school_01';
// The demo calendar's autumn term: from its first day to the spring term's.
const TERM = { from: '2026-09-01', until: '2027-02-22' };

describe('the semester aid check (精准资助大排查), through the webhook on the real database', () => {
  let ducha: TestDucha;
  beforeAll(async () => {
    // Tuesday 09:00: inside the sending window, so a principal's card goes out at once.
    ducha = await startTestDucha({ now: '2026-12-01T09:00:00+08:00', roster: 'demo' });
    await seedFixtureStudents(ducha.db, ducha.clock.now());
    await seedDemoSchoolCalendar(ducha.db);
    // An aided student of the second school, to be visited only before the term.
    const [school02] = await ducha.db.select({ id: schools.id }).from(schools).where(eq(schools.chatId, 'oc_demo_school_02'));
    await ducha.db.insert(students).values({ schoolId: school02!.id, studentNo: '2026009', name: '韦一帆', className: '初二1班', aid: ['营养餐'], updatedAt: ducha.clock.now() });
  });
  afterAll(() => ducha.close());

  const student = async (name: string, className?: string) =>
    (await ducha.db.select().from(students).where(and(eq(students.name, name), className ? eq(students.className, className) : undefined)))[0]!;
  const lastVisitOf = async (name: string, className?: string) =>
    (await ducha.db.select().from(homeVisits).where(eq(homeVisits.studentId, (await student(name, className)).id))).sort((a, b) => b.id - a.id)[0]!;
  const followupsOf = async (name: string, className?: string) =>
    ducha.db.select().from(aidFollowups).where(eq(aidFollowups.studentId, (await student(name, className)).id));
  const toPerson = (openId: string) => ducha.botMessages().filter((m) => m.chat_id === `oc_p2p_${openId}`);
  const inSchoolChat = () => ducha.botMessages().filter((m) => m.chat_id === SCHOOL_01);

  /** The coverage counted here from the rows, independently of the query under test. */
  async function countedCoverage(): Promise<Map<number, { aided: number; checked: number; mismatches: number }>> {
    const all = await ducha.db.select().from(students).where(isNull(students.leftAt));
    const visits = (await ducha.db.select().from(homeVisits)).filter((v) => v.visitedOn >= TERM.from && v.visitedOn < TERM.until);
    const counted = new Map<number, { aided: number; checked: number; mismatches: number }>();
    for (const s of all.filter((s) => s.aid.length > 0)) {
      const own = visits.filter((v) => v.studentId === s.id);
      const c = counted.get(s.schoolId) ?? { aided: 0, checked: 0, mismatches: 0 };
      c.aided += 1;
      if (own.some((v) => v.aidStatus !== null && v.eligibility !== null)) c.checked += 1;
      if (own.some((v) => v.aidStatus === 'partial' || v.aidStatus === 'none' || v.eligibility === 'ineligible' || v.eligibility === 'unverified')) c.mismatches += 1;
      counted.set(s.schoolId, c);
    }
    return counted;
  }

  it('资助 and 资格 written in a 1:1 visit are stored, and the receipt says the student is checked; no follow-up', async () => {
    const { reply } = await ducha.say('ou_demo_t0101', '家访 蒋小鹿 入户 家中情况稳定 资格：符合 风险：无 资助：已到位');
    expect(reply!.text).toContain('已记录 蒋小鹿');
    expect(reply!.text).toContain('资助已到位，资格符合，本学期已核查');
    expect(await lastVisitOf('蒋小鹿')).toMatchObject({ aidStatus: 'full', eligibility: 'eligible' });
    expect(await followupsOf('蒋小鹿')).toEqual([]);
  });

  it('a mismatch said in the school chat: the chat gets the masked name and nothing about aid; the principal gets a 1:1 card; a follow-up opens', async () => {
    const { reply } = await ducha.say('ou_demo_t0102', '家访 欧阳雨辰 入户 家中困难 資助：部分到位 資格：符合', SCHOOL_01);
    expect(reply!.chat_id).toBe(SCHOOL_01);
    expect(reply!.text).toBe('已记录 欧**辰 的家访（入户）。');
    expect(inSchoolChat().some((m) => /资助|资格|到位|助学金/.test(m.text))).toBe(false);
    expect(await lastVisitOf('欧阳雨辰')).toMatchObject({ aidStatus: 'partial', eligibility: 'eligible' });
    const card = toPerson('ou_demo_p01').find((m) => m.text.includes('资助核查提醒'));
    expect(card?.text).toContain('欧阳雨辰');
    expect(card?.text).toContain('部分到位');
    expect(card?.text).toContain('助学金');
    expect(await followupsOf('欧阳雨辰')).toMatchObject([{ closedAt: null }]);
  });

  it('the visit form takes the two selects; a mismatch there opens a follow-up and tells the principal too', async () => {
    await ducha.say('ou_demo_t0103', '家访');
    const form = toPerson('ou_demo_t0103').findLast((m) => m.text.includes('记录家访'))!;
    expect(form.text).toContain('资助');
    const value = callbackValues(form).find((v) => v['action'] === 'visit_form')!;
    const clicked = await ducha.click('ou_demo_t0103', form.message_id, {
      value,
      form_value: { student: '2026002', mode: 'phone', findings: '父亲外出务工', aid_status: 'none', eligibility: 'unverified' },
    });
    expect(clicked.delivered.body.toast).toMatchObject({ type: 'success' });
    expect(clicked.delivered.body.card.data.body.elements[0].text.content).toContain('资助未到位，资格待核实，已列入资助跟进');
    expect(await lastVisitOf('沈一鸣', '四年级1班')).toMatchObject({ aidStatus: 'none', eligibility: 'unverified' });
    expect(await followupsOf('沈一鸣', '四年级1班')).toHaveLength(1);
    expect(toPerson('ou_demo_p01').some((m) => m.text.includes('资助核查提醒') && m.text.includes('沈一鸣') && m.text.includes('未到位'))).toBe(true);
  });

  it('one label alone is stored but does not count as checked; a student without aid opens nothing; a visit before the term does not count', async () => {
    const half = await ducha.say('ou_demo_t0101', '家访 2026002 电话 补充核查 资格：待核实');
    expect(half.reply!.text).toContain('资助核查还差一项');
    const notAided = await ducha.say('ou_demo_t0101', '家访 柳星 电话 情况稳定 资助：未到位 资格：不再符合');
    expect(notAided.reply!.text).toContain('不在受资助名单');
    expect(await followupsOf('柳星')).toEqual([]);
    await ducha.say('ou_demo_t0201', '家访 韦一帆 入户 情况稳定 日期：2026-08-20 资助：已到位 资格：符合');
    expect(await lastVisitOf('韦一帆')).toMatchObject({ visitedOn: '2026-08-20', aidStatus: 'full', eligibility: 'eligible' });
  });

  it('coverage per school matches a count made from the rows, by query and in the principal’s 资助', async () => {
    const counted = await countedCoverage();
    expect(await aidCoverageBySchool(ducha.db, TERM)).toEqual(counted);
    const [school01] = await ducha.db.select({ id: schools.id }).from(schools).where(eq(schools.chatId, SCHOOL_01));
    const mine = counted.get(school01!.id)!;
    // 蒋小鹿 full; 欧阳雨辰 partial; 沈一鸣 (四年级) none: three aided, all checked, two amiss.
    expect(mine).toEqual({ aided: 3, checked: 3, mismatches: 2 });
    const [school02] = await ducha.db.select({ id: schools.id }).from(schools).where(eq(schools.chatId, 'oc_demo_school_02'));
    expect(counted.get(school02!.id)).toEqual({ aided: 1, checked: 0, mismatches: 0 });
    // A window that ends before the visits counts none of them.
    expect((await aidCoverageBySchool(ducha.db, { from: '2026-09-01', until: '2026-11-01' })).get(school01!.id)).toEqual({ aided: 3, checked: 0, mismatches: 0 });

    const { reply } = await ducha.say('ou_demo_p01', '资助');
    expect(reply!.text).toContain(`已核查 ${mine.checked}/${mine.aided} 名受资助学生`);
    expect(reply!.text).toContain('欧阳雨辰');
    expect(reply!.text).toContain('沈一鸣（四年级1班）');
    expect(reply!.text).not.toContain('蒋小鹿');
    const reads = await ducha.db.select().from(auditLog).where(and(eq(auditLog.action, 'read_aid'), eq(auditLog.studentId, (await student('欧阳雨辰')).id)));
    expect(reads).toHaveLength(1);
  });

  it('the bureau’s 汇总 shows each school’s coverage and mismatches for the term, matching the count from the rows', async () => {
    const counted = await countedCoverage();
    const [school01] = await ducha.db.select({ id: schools.id, name: schools.name }).from(schools).where(eq(schools.chatId, SCHOOL_01));
    const mine = counted.get(school01!.id)!;
    await ducha.tick(); // the month's round opens: 汇总 has something to show
    const { reply } = await ducha.say('ou_demo_b1', '汇总', 'oc_demo_bureau');
    const lines: string[] = reply!.text.split('\n');
    const under = lines[lines.findIndex((l) => l.includes(school01!.name)) + 1]!;
    expect(under).toContain(`资助核查 ${mine.checked}/${mine.aided}${mine.mismatches ? `（不符 ${mine.mismatches}）` : ''}`);
    const total = [...counted.values()].reduce((t, c) => ({ aided: t.aided + c.aided, checked: t.checked + c.checked, mismatches: t.mismatches + c.mismatches }), { aided: 0, checked: 0, mismatches: 0 });
    expect(reply!.text).toContain(`资助核查（2026秋季学期(示例)）：已核查 **${total.checked}/${total.aided}** 名受资助学生`);
    expect(reply!.text).toContain(`不符 **${total.mismatches}** 人`);
  });

  it('in the school chat 资助 gives only counts; teachers may not use it', async () => {
    const { reply } = await ducha.say('ou_demo_p01', '资助', SCHOOL_01);
    expect(reply!.chat_id).toBe(SCHOOL_01);
    expect(reply!.text).toContain('已核查 3/3 名受资助学生');
    expect(reply!.text).toContain('待核实跟进 2 条');
    expect(reply!.text).not.toMatch(/欧|沈/);
    const teacher = await ducha.say('ou_demo_t0101', '资助');
    expect(teacher.reply!.text).not.toContain('已核查');
  });

  it('核实 closes the follow-up with the principal’s note, audited; a teacher may not; twice finds nothing open', async () => {
    const byTeacher = await ducha.say('ou_demo_t0102', '核实 欧阳雨辰 已补发');
    expect(byTeacher.reply!.text).not.toContain('已核实');
    expect(await followupsOf('欧阳雨辰')).toMatchObject([{ closedAt: null }]);

    const noNote = await ducha.say('ou_demo_p01', '核实 欧阳雨辰');
    expect(noNote.reply!.text).toContain('请写明核实说明');

    const { reply } = await ducha.say('ou_demo_p01', '核实 欧阳雨辰 已联系乡镇补发助学金');
    expect(reply!.text).toContain('已核实 欧阳雨辰 的资助跟进');
    const [closed] = await followupsOf('欧阳雨辰');
    expect(closed!.closedAt).not.toBeNull();
    expect(closed!.note).toBe('已联系乡镇补发助学金');
    const audited = await ducha.db.select().from(auditLog).where(and(eq(auditLog.action, 'verify_aid'), eq(auditLog.studentId, (await student('欧阳雨辰')).id)));
    expect(audited).toHaveLength(1);

    const again = await ducha.say('ou_demo_p01', '核实 欧阳雨辰 再次确认');
    expect(again.reply!.text).toContain('没有待核实的资助跟进');
    // In the school chat, the answer names the child masked.
    const inGroup = await ducha.say('ou_demo_p01', '核实 2026002 已核实家庭收入', SCHOOL_01);
    expect(inGroup.reply!.text).toBe('已核实 沈*鸣 的资助跟进。');
    const after = await ducha.say('ou_demo_p01', '资助');
    expect(after.reply!.text).toContain('没有待核实的资助跟进');
  });

  it('another school’s principal sees nothing of this school', async () => {
    const { reply } = await ducha.say('ou_demo_p02', '资助');
    expect(reply!.text).not.toMatch(/欧阳|沈一鸣|蒋小鹿/);
    const other = await ducha.say('ou_demo_p02', '核实 欧阳雨辰 已补发');
    expect(other.reply!.text).toContain('本校没有找到学生');
  });
});

describe('the aid check prompt in each term’s first month (a tick job, once per term per school)', () => {
  let ducha: TestDucha;
  beforeAll(async () => {
    // Wednesday 2 September: the autumn term's second day, inside the sending window.
    ducha = await startTestDucha({ now: '2026-09-02T09:00:00+08:00', roster: 'demo' });
    await seedFixtureStudents(ducha.db, ducha.clock.now());
    await seedDemoSchoolCalendar(ducha.db);
  });
  afterAll(() => ducha.close());

  const prompts = (chatId: string) => ducha.botMessages().filter((m) => m.chat_id === chatId && m.text.includes('精准资助大排查'));

  it('a school with aided students gets one card with the count and how; a school without gets none; ticks repeat it never', async () => {
    const report = await ducha.tick();
    expect(report.aidCheckPrompts).toBeGreaterThan(0);
    const [card] = prompts(SCHOOL_01);
    // The fixtures give the first school three aided students (counted here from the rows).
    const [school01] = await ducha.db.select({ id: schools.id }).from(schools).where(eq(schools.chatId, SCHOOL_01));
    const aided = (await ducha.db.select().from(students).where(eq(students.schoolId, school01!.id))).filter((s) => s.aid.length > 0).length;
    expect(card?.text).toContain(`${aided} 名受资助学生`);
    expect(card?.text).toContain('资助：已到位 资格：符合');
    expect(prompts('oc_demo_school_02')).toEqual([]);

    await ducha.tick('2026-09-02T15:00:00+08:00');
    await ducha.tick('2026-09-03T09:00:00+08:00');
    expect(prompts(SCHOOL_01)).toHaveLength(1);
  });

  it('the card’s button sends the visit form 1:1 to whoever clicks', async () => {
    const [card] = prompts(SCHOOL_01);
    const value = callbackValues(card!).find((v) => v['action'] === 'open_visit_form')!;
    await ducha.click('ou_demo_t0101', card!.message_id, { value });
    expect(ducha.botMessages().some((m) => m.chat_id === 'oc_p2p_ou_demo_t0101' && m.text.includes('记录家访') && m.text.includes('资格'))).toBe(true);
  });

  it('after the first month nothing is prompted', async () => {
    const report = await ducha.tick('2026-10-14T09:00:00+08:00');
    expect(report.aidCheckPrompts).toBe(0);
  });
});
