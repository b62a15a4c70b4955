import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, schools, towns } from '../../src/db/schema/index.js';
import type { SandboxMessage } from '../../src/lark/sandbox/sandbox-state.js';
import { callbackValue } from '../helpers/card-tree.js';
import { MONTHLY } from '../helpers/demo-county.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';

const OFFICER = 'ou_demo_b1';
const BUREAU = 'oc_demo_bureau';

/** `• 横渠镇 横渠镇中心小学(示例)：0/1` lines of an escalation, as town and school. */
const laggingIn = (escalation: SandboxMessage) =>
  [...escalation.text.matchAll(/^• (\S+) (.+)：(\d+)\/(\d+)$/gm)].map((m) => ({ town: m[1]!, school: m[2]!, answered: Number(m[3]), expected: Number(m[4]) }));

/** The command an escalation tells the bureau to send: 发「…」查看. */
const commandIn = (escalation: SandboxMessage) => /发「([^」]+)」查看/.exec(escalation.text)?.[1];

describe('汇总 names a campaign, and every escalation names the 汇总 that shows it', () => {
  let ducha: TestDucha;
  const ask = async (words: string) => (await ducha.say(OFFICER, words, BUREAU)).reply!;
  const escalation = (title: string) => {
    const found = ducha.botMessages().filter((m) => m.chat_id === BUREAU && m.text.startsWith('【落后提醒】') && m.text.includes(`「${title}」`));
    expect(found).toHaveLength(1);
    return found[0]!;
  };
  /** The school of a principal, by open id. */
  const schoolOf = async (openId: string) => {
    const [row] = await ducha.db
      .select({ school: schools.name, town: towns.name })
      .from(people)
      .innerJoin(schools, eq(schools.id, people.schoolId))
      .innerJoin(towns, eq(towns.id, schools.townId))
      .where(eq(people.openId, openId));
    return row!;
  };
  /** A principal files 月有安排 on the 1:1 card they were sent for December. */
  const file = async (openId: string) => {
    const card = ducha.botMessages().find((m) => m.msg_type === 'interactive' && m.receive_id === openId && m.text.includes('2026-12 月有安排'))!;
    const clicked = await ducha.click(openId, card.message_id, { value: callbackValue(card), form_value: { arrangement: '组织全体教师开展家访' } });
    expect(clicked.delivered.body.toast).toMatchObject({ type: 'success' });
  };

  beforeAll(async () => {
    ducha = await startTestDucha({ now: '2026-12-01T09:00:00+08:00', roster: 'demo' });
    await ducha.tick();
    ducha.setTime('2026-12-03T10:00:00+08:00');
    await file('ou_demo_p01');
    await file('ou_demo_p02');
    // 月有安排 was due Monday 12-07 18:00: p03 files the day after, late.
    ducha.setTime('2026-12-08T10:00:00+08:00');
    await file('ou_demo_p03');
    // School 01's four teachers complete the monthly check-in; every other school stays behind.
    for (const n of ['01', '02', '03', '04']) await ducha.say(`ou_demo_t01${n}`, '走访2户', 'oc_demo_school_01');
  });
  afterAll(() => ducha?.close());

  it('the 月有安排 escalation names 「汇总 月有安排 2026-12」, whose card shows the principals it lists as not filed', async () => {
    // Three workdays after 12-07: 12-10 09:00.
    await ducha.tick('2026-12-10T09:00:00+08:00');
    const message = escalation('月有安排');
    const lagging = laggingIn(message);
    expect(lagging).toHaveLength(13);
    expect(commandIn(message)).toBe('汇总 月有安排 2026-12');

    const card = await ask(commandIn(message)!);
    expect(card.msg_type).toBe('interactive');
    expect(card.text).toContain('月有安排汇总 · 2026-12');
    expect(card.text).toContain('校长已填报 **3/16** 人');
    expect(card.text).toContain('其中逾期 **1** 人');
    expect(card.text).toContain('已截止仍未填报的学校**（共 13 所）');
    for (const s of lagging) {
      expect(s).toMatchObject({ answered: 0, expected: 1 });
      expect(card.text).toContain(`🔴 ${s.school}　未填报`);
      expect(card.text).toContain(`${s.school}（${s.town}）`);
    }
    const [p01, p03] = [await schoolOf('ou_demo_p01'), await schoolOf('ou_demo_p03')];
    expect(card.text).toContain(`✅ ${p01.school}　按时填报`);
    expect(card.text).toContain(`🕒 ${p03.school}　逾期填报`);
    expect(lagging.map((s) => s.school)).not.toContain(p01.school);
  });

  it('the monthly check-in’s escalation names its own 汇总, whose card shows the schools it lists as behind', async () => {
    await ducha.tick('2026-12-30T09:00:00+08:00');
    const message = escalation(MONTHLY);
    const lagging = laggingIn(message);
    expect(lagging).toHaveLength(15);
    expect(commandIn(message)).toBe(`汇总 ${MONTHLY} 2026-12`);

    const card = await ask(commandIn(message)!);
    expect(card.msg_type).toBe('interactive');
    expect(card.text).toContain(`${MONTHLY}汇总 · 2026-12`);
    expect(card.text).toContain('截止后仍未完成的学校：**15** 所');
    for (const s of lagging) expect(card.text).toContain(`🔴 ${s.school}　${s.answered}/${s.expected} 人`);
  });

  it('a campaign, a month and a town together: 「汇总 月有安排 12月 首善街道」', async () => {
    const card = await ask('汇总 月有安排 12月 首善街道');
    expect(card.msg_type).toBe('interactive');
    expect(card.text).toContain('月有安排汇总 · 2026-12 · 首善街道');
    const p01 = await schoolOf('ou_demo_p01');
    expect(p01.town).toBe('首善街道');
    expect(card.text).toContain(`✅ ${p01.school}　按时填报`);
    expect(card.text).not.toContain('横渠镇');
  });

  it('the bureau’s help shows how to name a campaign', async () => {
    const help = await ask('帮助');
    expect(help.text).toContain('汇总 [项目] [月份|季度|年] [镇街|学校|教育集团]');
    expect(help.text).toContain('「汇总 月有安排」');
  });

  it('without a campaign, 汇总 is still the monthly check-in', async () => {
    const card = await ask('汇总 2026-12');
    expect(card.msg_type).toBe('interactive');
    expect(card.text).toContain(`${MONTHLY}汇总 · 2026-12`);
  });

  it('a part of several titles lists the campaigns; a unique part or Traditional script finds one', async () => {
    const ambiguous = await ask('汇总 有');
    expect(ambiguous.msg_type).toBe('text');
    for (const title of ['月有安排', '学期有计划', '半年有总结', '全年有汇报']) expect(ambiguous.text).toContain(title);

    const annual = await ask('汇总 全年 2026');
    expect(annual.msg_type).toBe('interactive');
    expect(annual.text).toContain('全年有汇报汇总 · 2026');
    // A month means the round of the longer period it falls in.
    const byMonth = await ask('汇总 全年有汇报 12月 横渠镇');
    expect(byMonth.msg_type).toBe('interactive');
    expect(byMonth.text).toContain('全年有汇报汇总 · 2026 · 横渠镇');
    expect(byMonth.text).toContain('校长已填报 **0/');

    // 學期有計劃 is 学期有计划; the demo calendar has no term for it yet, and the answer says so by name.
    const semester = await ask('汇总 學期有計劃');
    expect(semester.msg_type).toBe('text');
    expect(semester.text).toContain('「学期有计划」还没有开始过填报');
  });
});
