import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaigns, people, responseRevisions, responses, rounds, schools } from '../../src/db/schema/index.js';
import { tick } from '../../src/jobs/tick.js';
import type { SandboxMessage } from '../../src/lark/sandbox/sandbox-state.js';
import { callbackValue, findNodes } from '../helpers/card-tree.js';
import { MONTHLY, PRINCIPALS } from '../helpers/demo-county.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';
import { byCampaign, monthly, monthlyLoopReads, SCHOOL_01, SCHOOL_02 } from './monthly-loop/reads.js';

// The story of one installation: first started after November's deadline, then December's round
// opens, teachers answer in every way the spec allows. The deadline passing and January opening
// are in monthly-loop-next-round.test.ts.

describe('the monthly loop, end to end', () => {
  let ducha: TestDucha;

  beforeAll(async () => {
    // A fresh installation, started after November's deadline (2026-11-25 18:00).
    ducha = await startTestDucha({ now: '2026-11-29T10:00:00+08:00', roster: 'demo' });
  });
  afterAll(() => ducha?.close());

  const { prompts, principalPrompts, roundId, expectOnePromptPerPrincipal, promptIn, personNamed, storedFor, countRows } = monthlyLoopReads(() => ducha);

  describe('a fresh installation after the deadline', () => {
    it('opens no round for a month whose deadline has passed, and sends nothing', async () => {
      const report = await ducha.tick();
      expect(report.rounds.opened).toEqual([]);
      expect(await countRows(rounds)).toBe(0);
      expect(ducha.botMessages()).toEqual([]);
    });

    it('tells a teacher who answers that no round is open, and stores nothing', async () => {
      const { reply, replies } = await ducha.say('ou_demo_t0101', '走访5户 电话3户 新增预警1人', SCHOOL_01);
      expect(replies).toHaveLength(1);
      expect(reply!.chat_id).toBe(SCHOOL_01);
      expect(reply!.msg_type).toBe('text');
      expect(reply!.text).toContain('当前没有进行中的填报');
      expect(await countRows(responses)).toBe(0);
    });
  });

  describe('opening the December round', () => {
    it('sends exactly one prompt card per school chat, and each principal their two 1:1 cards, when two ticks run together', async () => {
      ducha.setTime('2026-12-01T09:00:00+08:00');
      const reports = await Promise.all([tick(ducha.deps), tick(ducha.deps)]);
      await ducha.settle();

      // Each round is opened once, whichever tick got there first. On December 1 the principals'
      // 月有安排 (monthly) and 全年有汇报 (annual, period 2026) open with the teachers' check-in.
      const opened = reports.flatMap((r) => r.rounds.opened).sort(byCampaign);
      expect(opened).toEqual([
        { campaign: 'annual-report', period: '2026', prompts: 16 },
        { campaign: 'monthly-monitoring', period: '2026-12', prompts: 16 },
        { campaign: 'principal-monthly-plan', period: '2026-12', prompts: 16 },
      ]);
      const stored = await ducha.db
        .select({ code: campaigns.code, period: rounds.period })
        .from(rounds)
        .innerJoin(campaigns, eq(campaigns.id, rounds.campaignId));
      expect(stored.map((r) => `${r.code} ${r.period}`).sort()).toEqual([
        'annual-report 2026',
        'monthly-monitoring 2026-12',
        'principal-monthly-plan 2026-12',
      ]);

      const chats = (await ducha.db.select({ chatId: schools.chatId }).from(schools)).map((s) => s.chatId);
      expect(chats).toHaveLength(16);
      const sent = prompts('2026-12');
      expect(sent).toHaveLength(16);
      expect(sent.map((m) => m.chat_id).sort()).toEqual([...chats].sort());
      expect(sent.every((m) => m.receive_id_type === 'chat_id' && m.chat_type === 'group')).toBe(true);
      // One card per school, never one message per teacher: no other card goes to a group chat.
      expect(ducha.botMessages().filter((m) => m.chat_type === 'group' && m.msg_type === 'interactive')).toEqual(sent);

      // The principals' campaigns go to each principal 1:1, one card each, never into a school chat.
      // 月有安排 is due on the 5th, a Saturday this month: the deadline moves to Monday the 7th.
      await expectOnePromptPerPrincipal({ period: '2026-12', title: '月有安排', code: 'principal-monthly-plan', field: 'arrangement', due: '2026-12-07 18:00' });
      await expectOnePromptPerPrincipal({ period: '2026', title: '全年有汇报', code: 'annual-report', field: 'report', due: '2026-12-25 18:00' });
      // Nobody else hears from the bot 1:1: no teacher is prompted one by one.
      const oneToOne = ducha.botMessages().filter((m) => m.chat_type === 'p2p');
      expect(oneToOne).toHaveLength(32);
      expect(oneToOne.every((m) => m.msg_type === 'interactive' && PRINCIPALS.includes(m.receive_id!))).toBe(true);
      expect(ducha.botMessages()).toHaveLength(16 + 2 * 16 + 1 /* the "no round" reply above */);
    });

    it('sends nothing more on repeated ticks at the same instant, nor on a later tick', async () => {
      const before = ducha.botMessages().length;
      const again = await ducha.tick();
      const andAgain = await ducha.tick();
      expect(again.rounds.opened).toEqual([]);
      expect(andAgain.rounds.opened).toEqual([]);
      const later = await ducha.tick('2026-12-02T09:00:00+08:00');
      expect(later.rounds.opened).toEqual([]);
      expect(ducha.botMessages()).toHaveLength(before);
      expect(prompts('2026-12')).toHaveLength(16);
      expect(principalPrompts('2026-12', '月有安排')).toHaveLength(16);
      expect(principalPrompts('2026', '全年有汇报')).toHaveLength(16);
      expect(await countRows(rounds)).toBe(3);
    });

    it('prompt card says what is asked, the deadline, an example reply, and carries the form', async () => {
      const card = promptIn('2026-12', SCHOOL_01);
      expect(card.text).toContain('2026-12-25 18:00');
      expect(card.text).toContain('@我');
      expect(card.text).toContain('走访5户 电话随访2户 新增预警1人');
      for (const label of ['走访户数', '电话随访户数', '新增预警人数', '备注']) expect(card.text).toContain(label);

      const forms = findNodes(card.content, (n) => n.tag === 'form');
      expect(forms).toHaveLength(1);
      const inputs = findNodes(forms[0], (n) => n.tag === 'input').map((n) => n.name);
      expect(inputs).toEqual(['home_visits', 'phone_followups', 'new_alerts', 'note']);
      const buttons = findNodes(forms[0], (n) => n.tag === 'button');
      expect(buttons).toHaveLength(1);
      expect(buttons[0]!.form_action_type).toBe('submit');
      expect(callbackValue(card)).toEqual({ action: 'respond', round_id: await roundId('monthly-monitoring', '2026-12') });
    });
  });

  describe('teachers answering the December round', () => {
    it('a text check-in and a card-form check-in store the same values, each with a receipt', async () => {
      ducha.setTime('2026-12-03T10:00:00+08:00');
      const counts = '走访户数 5，电话随访户数 3，新增预警人数 1';

      // By text, @-mentioning the bot in the school chat: the receipt is a reply to that message.
      const said = await ducha.say('ou_demo_t0101', '走访5户 电话3户 新增预警1人 备注：家长外出务工', SCHOOL_01);
      expect(said.replies).toHaveLength(1);
      expect(said.reply!.parent_id).toBe(said.message_id);
      expect(said.reply!.chat_id).toBe(SCHOOL_01);
      expect(said.reply!.msg_type).toBe('text');
      const t0101 = await personNamed('ou_demo_t0101');
      expect(said.reply!.text).toContain(`${t0101.name}老师`);
      expect(said.reply!.text).toContain('已收到');
      expect(said.reply!.text).toContain(`2026-12「${MONTHLY}」`);
      expect(said.reply!.text).toContain(counts);
      // In the group the note is acknowledged but not repeated (it may name a child: PRODUCT.md privacy).
      expect(said.reply!.text).toContain(`${counts}，备注：已保存（为保护学生隐私，群内不显示文字内容`);
      expect(said.reply!.text).not.toContain('家长外出务工');

      // By the card's form, on the school's prompt card: a toast, and a 1:1 receipt that stays.
      const card = promptIn('2026-12', SCHOOL_01);
      const clicked = await ducha.click('ou_demo_t0102', card.message_id, {
        value: callbackValue(card),
        form_value: { home_visits: '5', phone_followups: '3', new_alerts: '1', note: '家长外出务工' },
      });
      expect(clicked.delivered.status).toBe(200);
      expect(clicked.delivered.body.toast).toMatchObject({ type: 'success' });
      expect(clicked.delivered.body.toast.content).toContain('已收到');
      expect(clicked.sent).toHaveLength(1);
      const receipt: SandboxMessage = clicked.sent[0]!;
      expect(receipt.receive_id_type).toBe('open_id');
      expect(receipt.receive_id).toBe('ou_demo_t0102');
      expect(receipt.chat_type).toBe('p2p');
      expect(receipt.msg_type).toBe('text');
      const t0102 = await personNamed('ou_demo_t0102');
      expect(receipt.text).toContain(`${t0102.name}老师`);
      expect(receipt.text).toContain('已收到');
      expect(receipt.text).toContain(`2026-12「${MONTHLY}」`);
      // 1:1, the receipt echoes every stored field, the note included.
      expect(receipt.text).toContain(`${counts}，备注：家长外出务工`);
      // The card itself stays the school's shared prompt: nothing is posted in the group.
      expect(clicked.sent.filter((m: SandboxMessage) => m.chat_id === SCHOOL_01)).toEqual([]);

      const [byText] = await storedFor('ou_demo_t0101');
      const [byCard] = await storedFor('ou_demo_t0102');
      expect(byText!.answers).toEqual(monthly(5, 3, 1, '家长外出务工'));
      expect(byCard!.answers).toEqual(byText!.answers);
      expect(byText).toMatchObject({ campaign: 'monthly-monitoring', period: '2026-12', late: false, revisions: 0, source: 'text' });
      expect(byCard).toMatchObject({ campaign: 'monthly-monitoring', period: '2026-12', late: false, revisions: 0, source: 'card' });
    });

    it('reads a Traditional-script answer with Chinese numerals', async () => {
      const { reply } = await ducha.say('ou_demo_t0103', '入戶走訪四戶，電話隨訪兩戶，新增預警0人，備註：已聯繫家長', SCHOOL_01);
      expect(reply!.text).toContain('已收到');
      expect(reply!.text).toContain('走访户数 4，电话随访户数 2，新增预警人数 0，备注：已保存');
      expect(reply!.text).not.toContain('已聯繫家長');
      const [row] = await storedFor('ou_demo_t0103');
      // Counts are read in either script; the note is kept as she wrote it.
      expect(row!.answers).toEqual(monthly(4, 2, 0, '已聯繫家長'));
    });

    it('takes an answer sent 1:1 to the bot, and replies 1:1', async () => {
      const { reply, replies, message_id } = await ducha.say('ou_demo_t0104', '电话随访３户 走访十二户 备注：两户家长在外地');
      expect(replies).toHaveLength(1);
      expect(reply!.parent_id).toBe(message_id);
      expect(reply!.chat_type).toBe('p2p');
      expect(reply!.chat_id).toBe('oc_p2p_ou_demo_t0104');
      expect(reply!.text).toContain('已收到');
      // 1:1, every stored field is echoed, the note included.
      expect(reply!.text).toContain('走访户数 12，电话随访户数 3，新增预警人数 0，备注：两户家长在外地');
      const [row] = await storedFor('ou_demo_t0104');
      expect(row!.answers).toEqual(monthly(12, 3, 0, '两户家长在外地'));

      const mine = await ducha.say('ou_demo_t0104', '我的');
      expect(mine.reply!.chat_type).toBe('p2p');
      expect(mine.reply!.text).toContain(`2026-12「${MONTHLY}」`);
      expect(mine.reply!.text).toContain('走访户数 12，电话随访户数 3，新增预警人数 0，备注：两户家长在外地');
    });

    it('a correction replaces the answer and keeps the earlier one as a revision', async () => {
      const first = await ducha.say('ou_demo_t0201', '走访2户 电话1户', SCHOOL_02);
      expect(first.reply!.text).toContain('已收到');
      const [original] = await storedFor('ou_demo_t0201');

      ducha.setTime('2026-12-04T08:30:00+08:00');
      const second = await ducha.say('ou_demo_t0201', '走访6户 电话4户 新增预警2人 备注：补录两户', SCHOOL_02);
      expect(second.reply!.parent_id).toBe(second.message_id);
      expect(second.reply!.text).toContain('已更新');
      expect(second.reply!.text).toContain('走访户数 6，电话随访户数 4，新增预警人数 2');

      const rows = await storedFor('ou_demo_t0201');
      expect(rows).toHaveLength(1);
      expect(rows[0]!.id).toBe(original!.id);
      expect(rows[0]!.answers).toEqual(monthly(6, 4, 2, '补录两户'));
      expect(rows[0]!.revisions).toBe(1);
      expect(rows[0]!.submittedAt.toISOString()).toBe(new Date('2026-12-04T08:30:00+08:00').toISOString());

      const revisions = await ducha.db.select().from(responseRevisions).where(eq(responseRevisions.responseId, original!.id));
      expect(revisions).toHaveLength(1);
      expect(revisions[0]!.answers).toEqual(monthly(2, 1, 0, null));
      expect(revisions[0]!.submittedAt.toISOString()).toBe(original!.submittedAt.toISOString());
    });

    it('a correction through the card form is acknowledged as an update too', async () => {
      const card = promptIn('2026-12', SCHOOL_01);
      const clicked = await ducha.click('ou_demo_t0102', card.message_id, {
        value: callbackValue(card),
        form_value: { home_visits: '7', phone_followups: '', new_alerts: '0', note: '' },
      });
      expect(clicked.delivered.body.toast).toMatchObject({ type: 'success' });
      expect(clicked.delivered.body.toast.content).toContain('已更新');
      expect(clicked.sent).toHaveLength(1);
      expect(clicked.sent[0]!.text).toContain('已更新');
      expect(clicked.sent[0]!.text).toContain('走访户数 7，电话随访户数 0，新增预警人数 0。');
      const [row] = await storedFor('ou_demo_t0102');
      expect(row!.answers).toEqual(monthly(7, 0, 0, null));
      expect(row!.revisions).toBe(1);
    });

    it('「我的」 tells a teacher what they owe, then what they stored', async () => {
      const before = await ducha.say('ou_demo_t0202', '我的', SCHOOL_02);
      expect(before.reply!.parent_id).toBe(before.message_id);
      expect(before.reply!.text).toContain('还没有填报');
      expect(before.reply!.text).toContain(`2026-12「${MONTHLY}」`);
      expect(before.reply!.text).toContain('2026-12-25 18:00');
      expect(await storedFor('ou_demo_t0202')).toEqual([]);

      await ducha.say('ou_demo_t0202', '走访3户 电话2户 新增预警1人', SCHOOL_02);
      const after = await ducha.say('ou_demo_t0202', '我的', SCHOOL_02);
      expect(after.reply!.text).not.toContain('还没有填报');
      expect(after.reply!.text).toContain(`2026-12「${MONTHLY}」`);
      expect(after.reply!.text).toContain('走访户数 3，电话随访户数 2，新增预警人数 1');
      expect(await storedFor('ou_demo_t0202')).toHaveLength(1);
    });

    it('answers unrelated text with a short help, storing nothing', async () => {
      const before = await countRows(responses);
      const { reply, replies, message_id } = await ducha.say('ou_demo_t0203', '今天开会吗？', SCHOOL_02);
      expect(replies).toHaveLength(1);
      expect(reply!.parent_id).toBe(message_id);
      expect(reply!.text).toContain('没看懂');
      expect(reply!.text).toContain('我的');
      expect(await storedFor('ou_demo_t0203')).toEqual([]);
      expect(await countRows(responses)).toBe(before);
    });

    it('tells someone not in the roster to ask the admin, storing nothing', async () => {
      const before = await countRows(responses);
      const { reply, replies } = await ducha.say('ou_stranger_42', '走访5户 电话3户', SCHOOL_02);
      expect(replies).toHaveLength(1);
      expect(reply!.chat_id).toBe(SCHOOL_02);
      expect(reply!.text).toContain('管理员');
      expect(await countRows(responses)).toBe(before);
      expect(await ducha.db.select().from(people).where(eq(people.openId, 'ou_stranger_42'))).toEqual([]);

      // The card form too: a toast, no receipt, nothing stored.
      const card = promptIn('2026-12', SCHOOL_02);
      const clicked = await ducha.click('ou_stranger_42', card.message_id, {
        value: callbackValue(card),
        form_value: { home_visits: '1', phone_followups: '1', new_alerts: '0', note: '' },
      });
      expect(clicked.delivered.body.toast).toMatchObject({ type: 'error' });
      expect(clicked.delivered.body.toast.content).toContain('管理员');
      expect(clicked.sent).toEqual([]);
      expect(await countRows(responses)).toBe(before);
    });

    it.each([
      ['a word', { home_visits: 'abc', phone_followups: '1', new_alerts: '0', note: '' }, '走访户数'],
      ['a negative count', { home_visits: '2', phone_followups: '-1', new_alerts: '0', note: '' }, '电话随访户数'],
    ])('refuses a card form with %s, with an error toast naming the field, storing nothing', async (_what, form, field) => {
      const before = await countRows(responses);
      const card = promptIn('2026-12', SCHOOL_02);
      const clicked = await ducha.click('ou_demo_t0204', card.message_id, { value: callbackValue(card), form_value: form });
      expect(clicked.delivered.status).toBe(200);
      expect(clicked.delivered.body.toast).toMatchObject({ type: 'error' });
      expect(clicked.delivered.body.toast.content).toContain(field);
      expect(clicked.sent).toEqual([]);
      expect(await storedFor('ou_demo_t0204')).toEqual([]);
      expect(await countRows(responses)).toBe(before);
    });
  });
});
