import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaigns, people, responses, rounds } from '../../src/db/schema/index.js';
import { buildDemoCounty } from '../../src/domain/roster/demo-county.js';
import { seedFixtureStudents } from '../fixtures/students.js';
import { MONTHLY } from '../helpers/demo-county.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';

const SCHOOL_01 = 'oc_demo_school_01';
const SCHOOL_02 = 'oc_demo_school_02';
const BUREAU = 'oc_demo_bureau';
const roster = buildDemoCounty();
const teachersOf = (chatId: string) => roster.filter((r) => r.role === 'teacher' && r.chatId === chatId);
const nameOf = (openId: string) => roster.find((r) => r.openId === openId)!.name;

// School 01 has four teachers. November: two answer. December: two on time, one late, one never.
describe('进度: a principal’s own school, every open campaign', () => {
  let ducha: TestDucha;

  beforeAll(async () => {
    ducha = await startTestDucha({ now: '2026-11-02T09:00:00+08:00', roster: 'demo' });
    await ducha.tick();
    ducha.setTime('2026-11-10T10:00:00+08:00');
    await ducha.say('ou_demo_t0101', '走访2户 电话1户', SCHOOL_01);
    await ducha.say('ou_demo_t0102', '走访1户', SCHOOL_01);
    await ducha.tick('2026-12-01T09:00:00+08:00');
    await seedFixtureStudents(ducha.db, ducha.clock.now());
    ducha.setTime('2026-12-03T10:00:00+08:00');
    await ducha.say('ou_demo_t0101', '走访5户 电话3户 新增预警1人', SCHOOL_01);
    await ducha.say('ou_demo_t0102', '走访2户', SCHOOL_01);
    await ducha.say('ou_demo_t0101', '家访 蒋小鹿 入户 父母在外务工，由祖母照看 风险：无');
    const filed = await ducha.say('ou_demo_p01', '本月安排：组织全体教师开展家访');
    expect(filed.reply!.text).toContain('已收到');
    // 月有安排 was due 12-07: p02 files late; p03 never does.
    ducha.setTime('2026-12-08T10:00:00+08:00');
    expect((await ducha.say('ou_demo_p02', '本月安排：安全教育')).reply!.text).toContain('逾期');
    ducha.setTime('2026-12-26T10:00:00+08:00');
    expect((await ducha.say('ou_demo_t0103', '走访4户 电话2户', SCHOOL_01)).reply!.text).toContain('逾期');
  });
  afterAll(() => ducha?.close());

  /** School 01's December check-in, counted straight from the tables. */
  async function countedInSql(period: string) {
    const [row] = await ducha.db
      .select({
        answered: sql<number>`count(*)`.mapWith(Number),
        late: sql<number>`count(*) filter (where ${responses.late})`.mapWith(Number),
        visits: sql<number>`coalesce(sum((${responses.answers}->>'home_visits')::int), 0)`.mapWith(Number),
        phone: sql<number>`coalesce(sum((${responses.answers}->>'phone_followups')::int), 0)`.mapWith(Number),
        alerts: sql<number>`coalesce(sum((${responses.answers}->>'new_alerts')::int), 0)`.mapWith(Number),
      })
      .from(responses)
      .innerJoin(people, eq(people.id, responses.personId))
      .innerJoin(rounds, eq(rounds.id, responses.roundId))
      .innerJoin(campaigns, eq(campaigns.id, rounds.campaignId))
      .where(and(eq(campaigns.code, 'monthly-monitoring'), eq(rounds.period, period), eq(people.chatId, SCHOOL_01), eq(people.role, 'teacher')));
    return row!;
  }

  async function ask(openId: string, chatId?: string) {
    const { reply, replies, message_id } = await ducha.say(openId, '进度', chatId);
    expect(replies).toHaveLength(1);
    expect(reply!.parent_id).toBe(message_id);
    return reply!;
  }

  it('1:1, the principal sees the school’s numbers (as the tables count them), the change, and who has not answered by name', async () => {
    const card = await ask('ou_demo_p01');
    expect(card.msg_type).toBe('interactive');
    expect(card.chat_type).toBe('p2p');
    const december = await countedInSql('2026-12');
    expect(december).toEqual({ answered: 3, late: 1, visits: 11, phone: 5, alerts: 1 });
    const expected = teachersOf(SCHOOL_01).length;
    expect(expected).toBe(4);
    expect(card.text).toContain(`${MONTHLY} · 2026-12**（已于 2026-12-25 18:00 截止）`);
    expect(card.text).toContain(`教师已填报 **${december.answered}/${expected}** 人（75%） · 其中逾期 **${december.late}** 人`);
    expect(card.text).toContain(`走访户数 **${december.visits}** · 电话随访户数 **${december.phone}** · 新增预警人数 **${december.alerts}**`);
    // Against November (2 of 4 answered: 走访 3, 电话 1, 预警 0).
    const november = await countedInSql('2026-11');
    expect(november).toMatchObject({ answered: 2, visits: 3, phone: 1, alerts: 0 });
    expect(card.text).toContain('较上期（2026-11）：完成率 ▲25 个百分点 · 走访户数 ▲8 · 电话随访户数 ▲4 · 新增预警人数 ▲1');
    // Who still owes, by name; nobody who answered.
    expect(card.text).toContain(`🔴 已截止仍未填报（1 人）：${nameOf('ou_demo_t0104')}`);
    for (const t of ['ou_demo_t0101', 'ou_demo_t0102', 'ou_demo_t0103']) expect(card.text).not.toContain(nameOf(t));
    // The school's children, in numbers: one home visit this month.
    expect(card.text).toMatch(/学生情况（2026-12，只计人数）：家访 入户 1 · 电话 0/);
    // Their own reports: 月有安排 on time, the annual report (due 12-25) not filed.
    expect(card.text).toMatch(/月有安排 · 2026-12\*\*（已于 2026-12-07 18:00 截止）\n✅ 您已按时填报（2026-12-03 10:00）/);
    expect(card.text).toMatch(/全年有汇报 · 2026\*\*（已于 2026-12-25 18:00 截止）\n🔴 已截止，您还没有填报/);
    // Never another school.
    expect(card.text).not.toContain('初级中学');
  });

  it('in the school chat: counts only, no teacher’s name and no child’s', async () => {
    const card = await ask('ou_demo_p01', SCHOOL_01);
    expect(card.msg_type).toBe('interactive');
    expect(card.chat_id).toBe(SCHOOL_01);
    expect(card.text).toContain('教师已填报 **3/4** 人（75%）');
    expect(card.text).toContain('🔴 已截止仍未填报 **1** 人（名单请私聊我发「进度」查看）');
    const raw = JSON.stringify(card.content);
    for (const t of teachersOf(SCHOOL_01)) expect(raw).not.toContain(t.name);
    expect(raw).not.toContain('蒋小鹿');
  });

  it('each principal sees their own report’s status: filed late, or not filed', async () => {
    const late = await ask('ou_demo_p02');
    expect(late.text).toMatch(/✅|🕒/);
    expect(late.text).toContain('🕒 您已逾期填报（2026-12-08 10:00）');
    expect(late.text).toContain(roster.find((r) => r.openId === 'ou_demo_p02')!.school!);
    expect(late.text).not.toContain(roster.find((r) => r.openId === 'ou_demo_p01')!.school!);
    // School 02's teachers have not answered: all of them are named, 1:1.
    for (const t of teachersOf(SCHOOL_02)) expect(late.text).toContain(t.name);
    const missing = await ask('ou_demo_p03');
    expect(missing.text).toMatch(/月有安排 · 2026-12\*\*（已于 2026-12-07 18:00 截止）\n🔴 已截止，您还没有填报/);
  });

  it.each([
    ['another school’s chat', SCHOOL_02],
    ['the bureau’s chat', BUREAU],
  ])('a principal asking in %s is refused 1:1, and that chat gets nothing', async (_where, chatId) => {
    const before = ducha.botMessages().filter((m) => m.chat_id === chatId).length;
    const { replies } = await ducha.say('ou_demo_p01', '进度', chatId);
    const sent = ducha.botMessages().filter((m) => m.receive_id === 'ou_demo_p01' || m.chat_id === chatId);
    expect(ducha.botMessages().filter((m) => m.chat_id === chatId)).toHaveLength(before);
    expect(replies).toHaveLength(0);
    const told = sent.at(-1)!;
    expect(told.msg_type).toBe('text');
    expect(told.text).toContain('不是您学校的群');
  });

  it.each([
    ['a teacher', 'ou_demo_t0101', SCHOOL_01, '我的'],
    ['a bureau officer', 'ou_demo_b1', BUREAU, '汇总 学校名'],
    ['an admin, 1:1', 'ou_demo_a1', undefined, '汇总 学校名'],
  ])('%s is refused politely and told where to look instead', async (_who, openId, chatId, instead) => {
    const reply = await ask(openId, chatId);
    expect(reply.msg_type).toBe('text');
    expect(reply.text).toMatch(/抱歉/);
    expect(reply.text).toContain(`「${instead}」`);
  });

  it('help lists 进度 for principals, not for teachers; a report starting with the word stays a report', async () => {
    expect((await ducha.say('ou_demo_p01', '帮助')).reply!.text).toContain('• 进度');
    expect((await ducha.say('ou_demo_t0101', '帮助')).reply!.text).not.toContain('进度');
    const report = await ducha.say('ou_demo_p03', '进度安排：本周完成全部家访');
    expect(report.reply!.text).not.toContain('填报进度');
  });
});
