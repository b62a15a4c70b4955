import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countOpenDropoutCasesBySchool } from '../../src/db/queries/dropout-cases.js';
import { schools } from '../../src/db/schema/index.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';
import { seedFixtureStudents } from '../fixtures/students.js';

const SCHOOL_01 = 'oc_demo_school_01';
const BUREAU_CHAT = 'oc_demo_bureau';

describe('控辍保学 over time: the 辍学 list by role, weekly reminders and the bureau’s daily summary', () => {
  let ducha: TestDucha;
  beforeAll(async () => {
    // Tuesday 1 December 2026, 10:00; the week's reminder moment (Monday 30 November 09:00) has passed.
    ducha = await startTestDucha({ now: '2026-12-01T10:00:00+08:00', roster: 'demo' });
    await seedFixtureStudents(ducha.db, ducha.clock.now());
    await ducha.say('ou_demo_t0101', '辍学 蒋小鹿 连续三天未到校');
    await ducha.say('ou_demo_t0102', '辍学 柳星 两天未到校');
    await ducha.say('ou_demo_t0201', '辍学 江月白 一周未到校');
  });
  afterAll(() => ducha.close());

  const toPerson = (openId: string) => ducha.botMessages().filter((m) => m.chat_id === `oc_p2p_${openId}`);
  const lastTo = async (openId: string, said: string, chatId?: string) => {
    const { reply } = await ducha.say(openId, said, chatId);
    return chatId ? reply!.text : toPerson(openId).at(-1)!.text;
  };
  const reminders = () => ducha.botMessages().filter((m) => m.text.includes('本周请跟进以下未结的辍学案例'));
  const remindersTo = (openId: string) => reminders().filter((m) => m.chat_id === `oc_p2p_${openId}`);
  const summaries = () => ducha.botMessages().filter((m) => m.chat_id === BUREAU_CHAT && m.text.includes('【控辍保学日报】'));

  it('辍学 alone: the bureau 1:1 sees every open case in full, a principal their school’s, an admin masked names, a teacher the usage; a group only counts', async () => {
    const bureau = await lastTo('ou_demo_b1', '辍学');
    for (const name of ['蒋小鹿', '柳星', '江月白']) expect(bureau).toContain(name);
    expect(bureau).toContain('上次劝返：无');
    const principal = await lastTo('ou_demo_p01', '辍学');
    expect(principal).toContain('蒋小鹿');
    expect(principal).not.toContain('江月白');
    const admin = await lastTo('ou_demo_a1', '辍学');
    expect(admin).not.toContain('蒋小鹿');
    expect(admin).toMatch(/蒋\\?\*鹿/);
    expect(await lastTo('ou_demo_t0101', '辍学')).toContain('全县在册名单只发给教体局');
    const inBureauChat = await lastTo('ou_demo_b1', '辍学', BUREAU_CHAT);
    expect(inBureauChat).toBe('目前未结的辍学案例 3 个（疑似 3），详情请私聊查看。');
    expect(await lastTo('ou_demo_p01', '辍学', SCHOOL_01)).toBe('目前未结的辍学案例 2 个（疑似 2），详情请私聊查看。');
    // A case asked for in a group: told 1:1 where to ask, nothing said in the group.
    const asked = await ducha.say('ou_demo_b1', '辍学 蒋小鹿', BUREAU_CHAT);
    expect(asked.replies.filter((m: { chat_id: string }) => m.chat_id === BUREAU_CHAT)).toEqual([]);
    expect(toPerson('ou_demo_b1').at(-1)!.text).toContain('只能私聊查看');
  });

  it('countOpenDropoutCasesBySchool counts open cases per school (for 汇总)', async () => {
    const ids = Object.fromEntries((await ducha.db.select().from(schools)).map((s) => [s.chatId, s.id]));
    const counts = await countOpenDropoutCasesBySchool(ducha.db);
    expect(Object.fromEntries(counts)).toEqual({ [ids[SCHOOL_01]!]: 2, [ids['oc_demo_school_02']!]: 1 });
  });

  it('the bureau chat’s daily summary: at 09:00 on a workday, masked names, once, and only when something changed', async () => {
    await ducha.tick('2026-12-01T10:05:00+08:00'); // nothing changed between Monday 09:00 and today 09:00
    await ducha.tick('2026-12-02T08:30:00+08:00'); // before 09:00
    expect(summaries()).toHaveLength(0);
    await ducha.tick('2026-12-02T09:00:00+08:00');
    await ducha.tick('2026-12-02T09:30:00+08:00');
    expect(summaries()).toHaveLength(1);
    const first = summaries()[0]!.text;
    expect(first).toContain('新增 3 例');
    expect(first).toContain('结案 0 例');
    expect(first).toMatch(/蒋.鹿/);
    expect(first).not.toContain('蒋小鹿');
    await ducha.tick('2026-12-03T09:00:00+08:00'); // nothing changed on the 2nd
    expect(summaries()).toHaveLength(1);
    ducha.setTime('2026-12-03T10:00:00+08:00');
    await ducha.say('ou_demo_t0102', '状态 柳星 已返校');
    await ducha.tick('2026-12-05T09:00:00+08:00'); // Saturday
    expect(summaries()).toHaveLength(1);
    await ducha.tick('2026-12-04T09:00:00+08:00');
    expect(summaries()).toHaveLength(2);
    const second = summaries()[1]!.text;
    expect(second).toContain('新增 0 例');
    expect(second).toContain('结案 1 例');
    expect(second).toContain('已返校');
    expect(second).toContain('目前未结 2 例');
  });

  it('weekly reminders: 1:1 to the responsible teacher and the principal, on the week’s first workday from 09:00 in the window, once a week', async () => {
    // Cases opened after this week's Monday 09:00 wait for next week.
    expect(reminders()).toHaveLength(0);
    await ducha.tick('2026-12-07T08:30:00+08:00');
    expect(reminders()).toHaveLength(0);
    await ducha.tick('2026-12-07T09:00:00+08:00');
    await ducha.tick('2026-12-07T11:00:00+08:00');
    await ducha.tick('2026-12-08T09:00:00+08:00');
    for (const openId of ['ou_demo_t0101', 'ou_demo_p01', 'ou_demo_t0201', 'ou_demo_p02']) expect(remindersTo(openId), openId).toHaveLength(1);
    expect(remindersTo('ou_demo_t0102')).toHaveLength(0); // 柳星's case is closed
    expect(reminders()).toHaveLength(4);
    const principal = remindersTo('ou_demo_p01')[0]!.text;
    expect(principal).toContain('蒋小鹿（三年级2班）疑似，已 6 天');
    expect(principal).not.toContain('柳星');
    expect(remindersTo('ou_demo_p02')[0]!.text).toContain('江月白');

    await ducha.tick('2026-12-12T10:00:00+08:00'); // Saturday
    await ducha.tick('2026-12-14T12:30:00+08:00'); // Monday, the midday rest: outside the sending window
    expect(reminders()).toHaveLength(4);
    await ducha.tick('2026-12-14T14:30:00+08:00'); // the window reopens: the week's digest goes, once
    await ducha.tick('2026-12-14T15:00:00+08:00');
    expect(reminders()).toHaveLength(8);
    for (const openId of ['ou_demo_t0101', 'ou_demo_p01', 'ou_demo_t0201', 'ou_demo_p02']) expect(remindersTo(openId), openId).toHaveLength(2);
    // No change since the 4th: no further daily summaries.
    expect(summaries()).toHaveLength(2);
  });
});
