import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxMessage } from '../../src/lark/sandbox/sandbox-state.js';
import { callbackValues } from '../helpers/card-tree.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';

/**
 * Each test speaks as a teacher nobody has used yet (teachers 1–4 of schools 01–08), in her own
 * school's chat, so one server serves the whole file and tests cannot see each other's answers.
 */
const TEACHERS = Array.from({ length: 32 }, (_, i) => {
  const school = String(Math.floor(i / 4) + 1).padStart(2, '0');
  return { openId: `ou_demo_t${school}0${(i % 4) + 1}`, chat: `oc_demo_school_${school}` };
});
let TEACHER = '';
let SCHOOL_CHAT = '';
/** A teacher in none of the tests. */
const SOMEONE_ELSE = 'ou_demo_t1602';


describe('what a teacher writes, read as she means it', () => {
  let ducha: TestDucha;
  let next = 0;
  beforeAll(async () => {
    ducha = await startTestDucha({ now: '2026-12-01T09:00:00+08:00', roster: 'demo' });
    await ducha.tick();
  });
  beforeEach(() => {
    ({ openId: TEACHER, chat: SCHOOL_CHAT } = TEACHERS[next++]!);
  });
  afterAll(() => ducha.close());

  const stored = async (openId = TEACHER) => (await ducha.responsesOf(openId))[0];
  const sentSince = (before: number) => ducha.botMessages().slice(before);

  describe('a correction changes only what it names', () => {
    it('电话3户 after 走访5户 电话2户 新增预警1人 keeps 5 and 1, and the receipt says 2→3', async () => {
      await ducha.say(TEACHER, '走访5户 电话2户 新增预警1人', SCHOOL_CHAT);
      const { reply } = await ducha.say(TEACHER, '电话3户', SCHOOL_CHAT);
      expect((await stored())?.answers).toMatchObject({ home_visits: 5, phone_followups: 3, new_alerts: 1 });
      expect(reply!.text).toContain('已更新');
      expect(reply!.text).toContain('电话随访户数 2→3');
      expect(reply!.text).not.toContain('走访户数 5→');
      expect(reply!.text).toContain('现在是：走访户数 5，电话随访户数 3，新增预警人数 1');
    });

    it('a note is kept as written: its lines and punctuation', async () => {
      await ducha.say(TEACHER, '走访2户 备注：張家孩子已返校。\n李家：下週再回訪，家长同意。');
      expect((await stored())?.answers).toMatchObject({ home_visits: 2, note: '張家孩子已返校。\n李家：下週再回訪，家长同意。' });
    });

    it('a count goes back to 0 only when written (新增预警0), and the note stays unless rewritten', async () => {
      await ducha.say(TEACHER, '走访5户 电话2户 新增预警1人 备注：张家孩子已返校');
      const { reply } = await ducha.say(TEACHER, '新增预警0');
      expect((await stored())?.answers).toMatchObject({ home_visits: 5, phone_followups: 2, new_alerts: 0, note: '张家孩子已返校' });
      expect(reply!.text).toContain('新增预警人数 1→0');
    });

    it('the same answer again changes nothing and says so', async () => {
      await ducha.say(TEACHER, '走访5户 电话2户');
      const { reply } = await ducha.say(TEACHER, '走访5户');
      expect(reply!.text).toContain('内容与上次相同');
    });

    it('the card form still replaces every field: it shows them all', async () => {
      await ducha.say(TEACHER, '走访5户 电话2户 新增预警1人');
      const card = ducha.botMessages().find((m) => m.chat_id === SCHOOL_CHAT && m.msg_type === 'interactive')!;
      const submit = callbackValues(card).find((v) => v.action === 'respond')!;
      await ducha.click(TEACHER, card.message_id, { value: submit, form_value: { home_visits: '7', phone_followups: '', new_alerts: '', note: '' } });
      expect((await stored())?.answers).toMatchObject({ home_visits: 7, phone_followups: 0, new_alerts: 0 });
    });
  });

  describe('numbers a person would write', () => {
    it.each([
      ['走访3.5户', '请写整数'],
      ['走访负3户', '不能是负数'],
      ['走访-3户', '不能是负数'],
      ['走访999999户', '0 到 9999 之间的整数'],
      ['上个月走访了3户，这个月走访5户', '本月是哪一个'],
      ['走访5户（其中2户电话）', '走访户数3 电话随访户数2'],
    ])('%s gets a clear answer, not 没看懂, and nothing is stored', async (text, answer) => {
      const { reply } = await ducha.say(TEACHER, text, SCHOOL_CHAT);
      expect(reply!.text).toContain(answer);
      expect(reply!.text).not.toContain('没看懂');
      expect(await stored()).toBeUndefined();
    });

    it('本月没有走访 stores 0 visits and says so', async () => {
      const { reply } = await ducha.say(TEACHER, '本月没有走访', SCHOOL_CHAT);
      expect((await stored())?.answers).toMatchObject({ home_visits: 0 });
      expect(reply!.text).toContain('已收到');
      expect(reply!.text).toContain('走访户数 0');
    });

    it('走访999户 asks 1:1 to confirm with 是/否; 是 stores it and sends the receipt', async () => {
      const before = ducha.botMessages().length;
      const { replies } = await ducha.say(TEACHER, '走访999户 电话2户', SCHOOL_CHAT);
      expect(replies).toEqual([]); // not in the group: the card could carry a note
      const [card] = sentSince(before);
      expect(card).toMatchObject({ chat_type: 'p2p', receive_id: TEACHER, msg_type: 'interactive' });
      expect(card!.text).toContain('确认「走访户数」是 999 户吗');
      expect(await stored()).toBeUndefined();

      const [yes, no] = callbackValues(card!);
      expect(no).toMatchObject({ yes: false });
      // Only the teacher herself can confirm her numbers.
      const other = await ducha.click(SOMEONE_ELSE, card!.message_id, { value: yes });
      expect(other.delivered.body.toast.type).toBe('error');
      expect(await stored()).toBeUndefined();

      const clicked = await ducha.click(TEACHER, card!.message_id, { value: yes });
      expect(clicked.delivered.body.toast).toMatchObject({ type: 'success' });
      expect((await stored())?.answers).toMatchObject({ home_visits: 999, phone_followups: 2 });
      expect(clicked.sent.map((m: SandboxMessage) => m.text).join('\n')).toContain('走访户数 999');
      // The card is redrawn without its buttons.
      expect(ducha.sandbox.find(card!.message_id)!.text).toContain('已确认');
      expect(callbackValues(ducha.sandbox.find(card!.message_id)!)).toEqual([]);
    });

    it('否 on the confirmation stores nothing', async () => {
      const before = ducha.botMessages().length;
      await ducha.say(TEACHER, '走访999户');
      const [card] = sentSince(before);
      const [, no] = callbackValues(card!);
      const clicked = await ducha.click(TEACHER, card!.message_id, { value: no });
      expect(clicked.delivered.body.toast.content).toContain('没有保存');
      expect(await stored()).toBeUndefined();
    });

    it('a correction above the plausible maximum is confirmed, then merged like any correction', async () => {
      await ducha.say(TEACHER, '走访5户 电话2户 新增预警1人');
      const before = ducha.botMessages().length;
      await ducha.say(TEACHER, '电话300户');
      const [card] = sentSince(before);
      await ducha.click(TEACHER, card!.message_id, { value: callbackValues(card!)[0] });
      expect((await stored())?.answers).toMatchObject({ home_visits: 5, phone_followups: 300, new_alerts: 1 });
    });
  });

  describe('help shows each role its own examples', () => {
    it('a teacher sees 走访5户 …, a principal 本月安排：…', async () => {
      const teacher = await ducha.say(TEACHER, '帮助');
      expect(teacher.reply!.text).toContain('走访5户 电话随访2户 新增预警1人');
      expect(teacher.reply!.text).not.toContain('本月安排：');
      const principal = await ducha.say('ou_demo_p01', '帮助');
      expect(principal.reply!.text).toContain('本月安排：…');
      expect(principal.reply!.text).not.toContain('走访5户');
    });
  });
});

describe("a principal's report in plain words", () => {
  let ducha: TestDucha;
  let PRINCIPAL = '';
  let next = 0;
  const PLAN = '组织全体教师开展防返贫监测培训，月底前完成重点户回访';
  beforeAll(async () => {
    // 1 December: 月有安排 and 全年有汇报 are both open.
    ducha = await startTestDucha({ now: '2026-12-01T09:00:00+08:00', roster: 'demo' });
    await ducha.tick();
  });
  beforeEach(() => {
    PRINCIPAL = `ou_demo_p0${++next}`;
  });
  afterAll(() => ducha.close());

  const storedReports = async () => (await ducha.responsesOf(PRINCIPAL)).map(({ answers }) => ({ answers }));

  it('without a label, gets a 1:1 card asking which open report it is for, never 没看懂', async () => {
    const before = ducha.botMessages().length;
    await ducha.say(PRINCIPAL, PLAN);
    const [card] = ducha.botMessages().slice(before);
    expect(card).toMatchObject({ chat_type: 'p2p', receive_id: PRINCIPAL, msg_type: 'interactive' });
    expect(card!.text).not.toContain('没看懂');
    const values = callbackValues(card!);
    expect(card!.text).toContain('「月有安排」');
    expect(card!.text).toContain('「全年有汇报」');
    expect(values).toHaveLength(3); // each open report, and 都不是
    expect(await storedReports()).toEqual([]);

    const monthly = values.find((v) => v.field === 'arrangement')!;
    const clicked = await ducha.click(PRINCIPAL, card!.message_id, { value: monthly });
    expect(clicked.delivered.body.toast.content).toContain('月有安排');
    expect(await storedReports()).toEqual([{ answers: { arrangement: PLAN } }]);
    expect(clicked.sent.map((m: SandboxMessage) => m.text).join('\n')).toContain(PLAN);
  });

  it('都不是 stores nothing; a labelled report is stored straight away', async () => {
    const before = ducha.botMessages().length;
    await ducha.say(PRINCIPAL, PLAN);
    const [card] = ducha.botMessages().slice(before);
    const values = callbackValues(card!);
    await ducha.click(PRINCIPAL, card!.message_id, { value: values.at(-1) });
    expect(await storedReports()).toEqual([]);

    const { reply } = await ducha.say(PRINCIPAL, `本月安排：${PLAN}`);
    expect(reply!.text).toContain('已收到');
    expect(await storedReports()).toEqual([{ answers: { arrangement: PLAN } }]);
  });

  it('a short question is answered with help, not taken for a report', async () => {
    const { reply } = await ducha.say(PRINCIPAL, '怎么填报？');
    expect(reply!.text).toContain('帮助');
    expect(await storedReports()).toEqual([]);
  });
});
