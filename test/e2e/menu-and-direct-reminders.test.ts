import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schools } from '../../src/db/schema/index.js';
import { tick } from '../../src/jobs/tick.js';
import type { SandboxMessage } from '../../src/lark/sandbox/sandbox-state.js';
import { commonTexts } from '../../src/texts/common-texts.js';
import { callbackValue } from '../helpers/card-tree.js';
import { MONTHLY } from '../helpers/demo-county.js';
import { isReminder, mentionedIds } from '../helpers/reminder-messages.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';

// The bot's custom menu (application.bot.menu_v6, 1:1) runs the typed commands, and 提醒方式
// 群|私聊|都 decides how a school's teachers are reminded on the deadline morning and by the
// principal's button. One December of the demo county, in order.

const FORM = { home_visits: '3', phone_followups: '1', new_alerts: '0', note: '' };
const p2p = (openId: string) => `oc_p2p_${openId}`;
/** Teachers of demo school NN (ou_demo_tNN01 …), as many as it has. */
const teachers = (school: string, count: number) => Array.from({ length: count }, (_, i) => `ou_demo_t${school}${String(i + 1).padStart(2, '0')}`);
/** The teachers' 1:1 text reminders of the check-in among some messages. */
const teacherReminders = (messages: SandboxMessage[]) =>
  messages.filter((m) => m.msg_type === 'text' && m.chat_type === 'p2p' && m.receive_id?.startsWith('ou_demo_t') && m.text.includes(`「${MONTHLY}」还没有收到您的填报`));

describe('the bot menu and 1:1 deadline reminders', () => {
  let ducha: TestDucha;

  beforeAll(async () => {
    ducha = await startTestDucha({ now: '2026-11-30T10:00:00+08:00', roster: 'demo' });
  });
  afterAll(() => ducha?.close());

  /** A person clicks a menu item: the event goes signed and encrypted to /lark/events; what the bot sent back. */
  async function menu(openId: string, eventKey: string) {
    const before = ducha.sandbox.messages.length;
    const posted = await ducha.post('/sandbox/menu', { open_id: openId, event_key: eventKey, wait_ms: 0 });
    expect(posted.status).toBe(200);
    expect(posted.body.delivered.status).toBe(200);
    await ducha.settle();
    const sent = ducha.sandbox.messages.slice(before).filter((m) => m.sender.type === 'bot');
    for (const m of sent) {
      expect(m.receive_id_type).toBe('open_id');
      expect(m.chat_id).toBe(p2p(openId));
    }
    return sent;
  }
  /** The typed command's answer, 1:1, to compare with the menu's. */
  const typed = async (openId: string, text: string) => (await ducha.say(openId, text)).reply!;
  const onlyText = (sent: SandboxMessage[]) => {
    expect(sent).toHaveLength(1);
    expect(sent[0]!.msg_type).toBe('text');
    return sent[0]!.text;
  };

  describe('the menu', () => {
    it('填报 before any round is open says when the next one opens', async () => {
      const text = onlyText(await menu('ou_demo_t0101', 'fill'));
      expect(text).toContain(`下一期 2026-12「${MONTHLY}」将于 2026-12-01 09:00 开始`);
    });

    it('填报 sends a teacher the form 1:1, which records her answer when submitted', async () => {
      await ducha.tick('2026-12-01T09:00:00+08:00');
      ducha.setTime('2026-12-01T10:00:00+08:00');
      const sent = await menu('ou_demo_t0101', 'fill');
      expect(sent).toHaveLength(1);
      const card = sent[0]!;
      expect(card.msg_type).toBe('interactive');
      expect(card.text).toContain(`2026-12 ${MONTHLY}`);
      // Written for the 1:1 chat: no "@我", no warning about the group.
      expect(card.text).not.toContain('@我');
      expect(card.text).not.toContain('群里');
      const clicked = await ducha.click('ou_demo_t0101', card.message_id, { value: callbackValue(card), form_value: FORM });
      expect(clicked.delivered.body.toast).toMatchObject({ type: 'success' });
      expect(clicked.sent.map((m: SandboxMessage) => m.text).join()).toContain('已收到');
      expect(await ducha.responsesOf('ou_demo_t0101')).toHaveLength(1);
    });

    it('填报 when everything is answered shows what she sent, and how to correct it', async () => {
      const text = onlyText(await menu('ou_demo_t0101', 'fill'));
      expect(text).toContain('都已填好');
      expect(text).toMatch(/走访户数\D*3/);
    });

    it('填报 sends a principal one form per campaign he owes', async () => {
      const sent = await menu('ou_demo_p01', 'fill');
      expect(sent.map((m) => m.msg_type)).toEqual(['interactive', 'interactive']);
      expect(sent.map((m) => m.text.split('\n')[0]).sort()).toEqual(['2026 全年有汇报', '2026-12 月有安排']);
    });

    it('我的, 进度, 汇总 and 帮助 answer as the typed commands do, with their refusals', async () => {
      for (const [who, key, command] of [
        ['ou_demo_t0101', 'mine', '我的'],
        ['ou_demo_t0102', 'help', '帮助'],
        ['ou_demo_t0102', 'progress', '进度'],
        ['ou_demo_t0102', 'summary', '汇总'],
        ['ou_demo_p01', 'summary', '汇总'],
        ['ou_demo_b1', 'progress', '进度'],
        ['ou_demo_b1', 'fill', '填报'],
      ] as const) {
        const viaMenu = onlyText(await menu(who, key));
        expect(viaMenu, `${who} ${key}`).toBe((await typed(who, command)).text);
      }
      // The refusals are the registry's, not a blank or a generic error.
      expect(onlyText(await menu('ou_demo_b1', 'fill'))).toBe(commonTexts.notAllowed('填报', '教师、校长'));
    });

    it('进度 gives a principal his school’s card, 汇总 the bureau the county’s, 1:1', async () => {
      const progress = await menu('ou_demo_p01', 'progress');
      expect(progress.map((m) => m.msg_type)).toEqual(['interactive']);
      expect(progress[0]!.text).toContain('填报进度');
      const summary = await menu('ou_demo_b1', 'summary');
      expect(summary.map((m) => m.msg_type)).toEqual(['interactive']);
      expect(summary[0]!.text).toContain(MONTHLY);
    });

    it('an unknown key lists what the person’s menu offers; a stranger is told to join the roster', async () => {
      const unknown = onlyText(await menu('ou_demo_t0102', 'export_all'));
      expect(unknown).toContain('填报、我的、帮助');
      expect(unknown).not.toContain('汇总');
      expect(onlyText(await menu('ou_not_in_roster', 'help'))).toBe(commonTexts.notInRoster);
    });

    it('the sandbox refuses a menu click without a key or with one over Lark’s 30 characters', async () => {
      const before = ducha.sandbox.messages.length;
      expect((await ducha.post('/sandbox/menu', { open_id: 'ou_demo_t0101' })).status).toBe(400);
      expect((await ducha.post('/sandbox/menu', { open_id: 'ou_demo_t0101', event_key: 'x'.repeat(31) })).status).toBe(400);
      expect(ducha.sandbox.messages).toHaveLength(before);
    });
  });

  describe('提醒方式', () => {
    const modes = async () =>
      Object.fromEntries(
        (await ducha.db.select({ chat: schools.chatId, mode: schools.reminderMode }).from(schools).where(inArray(schools.chatId, ['oc_demo_school_02', 'oc_demo_school_04', 'oc_demo_school_05']))).map((r) => [r.chat!.slice(-2), r.mode]),
      );

    it('shows the school’s mode to its principal, and sets it 1:1 (Traditional accepted)', async () => {
      expect((await typed('ou_demo_p02', '提醒方式')).text).toContain('提醒方式：群');
      expect((await typed('ou_demo_p02', '提醒方式 私聊')).text).toContain('改为「私聊」');
      expect((await typed('ou_demo_p04', '提醒方式：私訊')).text).toContain('改为「私聊」');
      expect((await typed('ou_demo_a1', '提醒方式 都 槐芽镇中心小学')).text).toContain('改为「都」');
      expect(await modes()).toEqual({ '02': 'direct', '04': 'direct', '05': 'both' });
    });

    it('refuses teachers and the bureau, changes nothing in a group, and explains bad input', async () => {
      expect((await typed('ou_demo_t0201', '提醒方式 群')).text).toBe(commonTexts.notAllowed('提醒方式', '校长、管理员'));
      expect((await typed('ou_demo_b1', '提醒方式 群')).text).toBe(commonTexts.notAllowed('提醒方式', '校长、管理员'));
      expect((await ducha.say('ou_demo_p02', '提醒方式 群', 'oc_demo_school_02')).reply!.text).toContain('私聊');
      expect((await typed('ou_demo_p02', '提醒方式 飞鸽')).text).toContain('请这样设置');
      expect((await typed('ou_demo_a1', '提醒方式 私聊')).text).toContain('请写明学校');
      expect((await typed('ou_demo_a1', '提醒方式 私聊 不存在小学')).text).toContain('没有找到学校「不存在小学」');
      expect((await typed('ou_demo_p02', '提醒方式 本校 私聊')).text).toContain('本来就是「私聊」');
      expect(await modes()).toEqual({ '02': 'direct', '04': 'direct', '05': 'both' });
    });
  });

  describe('reminders by mode', () => {
    let cards: SandboxMessage[] = [];
    const cardTo = (openId: string) => cards.find((c) => c.receive_id === openId)!;

    it('three days before, principals’ cards say how the button reminds; 私聊 sends no teacher a reminder yet', async () => {
      const before = ducha.botMessages().length;
      await ducha.tick('2026-12-22T09:00:00+08:00');
      const sent = ducha.botMessages().slice(before);
      cards = sent.filter(isReminder);
      expect(teacherReminders(sent)).toEqual([]);
      expect(cardTo('ou_demo_p02').text).toContain('私聊提醒他们');
      expect(cardTo('ou_demo_p05').text).toContain('在学校群提醒他们');
      expect(cardTo('ou_demo_p01').text).toContain('在学校群提醒他们');
    });

    it('with 私聊, the nudge button reminds each missing teacher 1:1 and names nobody in the group, once a day', async () => {
      ducha.setTime('2026-12-22T10:00:00+08:00');
      const card = cardTo('ou_demo_p02');
      const clicked = await ducha.click('ou_demo_p02', card.message_id, { value: callbackValue(card) });
      expect(clicked.delivered.body.toast).toEqual({ type: 'success', content: '已私聊提醒 7 位老师' });
      expect(teacherReminders(clicked.sent).map((m) => m.receive_id).sort()).toEqual(teachers('02', 7));
      expect(clicked.sent.filter((m: SandboxMessage) => m.chat_id === 'oc_demo_school_02')).toEqual([]);
      const again = await ducha.click('ou_demo_p02', card.message_id, { value: callbackValue(card) });
      expect(again.delivered.body.toast).toMatchObject({ type: 'error' });
      expect(again.sent).toEqual([]);
    });

    it('the next day it reminds only who still owes; they are then at the round’s budget', async () => {
      ducha.setTime('2026-12-22T15:00:00+08:00');
      expect((await typed('ou_demo_t0201', '走访2户 电话1户')).text).toContain('已收到');
      expect((await typed('ou_demo_t0401', '走访1户')).text).toContain('已收到');
      ducha.setTime('2026-12-23T09:30:00+08:00');
      const card = cardTo('ou_demo_p02');
      const clicked = await ducha.click('ou_demo_p02', card.message_id, { value: callbackValue(card) });
      expect(teacherReminders(clicked.sent).map((m: SandboxMessage) => m.receive_id).sort()).toEqual(teachers('02', 7).slice(1));
      expect((await typed('ou_demo_t0202', '走访1户')).text).toContain('已收到');
    });

    it('on the deadline morning teachers of 私聊 and 都 schools get one 1:1 reminder, within budget and window, once', async () => {
      // 12:30 is the midday rest: the due-day step waits for the window to open again at 14:30.
      const before = ducha.botMessages().length;
      const resting = await ducha.tick('2026-12-25T12:30:00+08:00');
      expect(resting.reminders.steps).toEqual([]);
      expect(ducha.botMessages()).toHaveLength(before);

      ducha.setTime('2026-12-25T14:30:00+08:00');
      const reports = await Promise.all([tick(ducha.deps), tick(ducha.deps)]);
      await ducha.settle();
      const steps = reports.flatMap((r) => r.reminders.steps).filter((s) => s.campaign === 'monthly-monitoring');
      // School 04: 7 still owe; school 05: all 6; school 02's last 5 had their two reminders already.
      expect(steps).toEqual([
        { campaign: 'monthly-monitoring', step: 'due-day', period: '2026-12', messages: 16 + 13, outcome: 'sent', teachers1to1: { sent: 13, atBudget: 5 } },
      ]);
      const sent = ducha.botMessages().slice(before);
      const reminders = teacherReminders(sent);
      expect(reminders.map((m) => m.receive_id).sort()).toEqual([...teachers('04', 8).slice(1), ...teachers('05', 6)]);
      for (const m of reminders) {
        expect(m.text).toContain('截止 2026-12-25 18:00');
        expect(m.text).toMatch(/例如「走访\d+户/);
      }
      // 群 schools (01, 03 …) get no 1:1 reminder; their principals still get the card.
      expect(sent.filter((m) => m.receive_id?.startsWith('ou_demo_t01'))).toEqual([]);
      cards = sent.filter(isReminder);
      expect(cards).toHaveLength(16);
    });

    it('with 都, the nudge still @-mentions the missing teachers in the school chat', async () => {
      ducha.setTime('2026-12-25T15:00:00+08:00');
      const card = cardTo('ou_demo_p05');
      const clicked = await ducha.click('ou_demo_p05', card.message_id, { value: callbackValue(card) });
      expect(clicked.delivered.body.toast).toMatchObject({ type: 'success' });
      expect(clicked.sent).toHaveLength(1);
      expect(clicked.sent[0]!.chat_id).toBe('oc_demo_school_05');
      expect(mentionedIds(clicked.sent[0]!.text)).toEqual(teachers('05', 6));
      const [row] = await ducha.db.select({ mode: schools.reminderMode }).from(schools).where(eq(schools.chatId, 'oc_demo_school_05'));
      expect(row!.mode).toBe('both');
    });
  });
});
