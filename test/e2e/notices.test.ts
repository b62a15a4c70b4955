import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeReceipts, notices, outbox, outboxAttachments } from '../../src/db/schema/index.js';
import { seedFixtureStudents } from '../fixtures/students.js';
import { deliverEnvelope } from '../../src/lark/sandbox/deliver-event.js';
import { p2pChatIdFor, type SandboxMessage } from '../../src/lark/sandbox/sandbox-state.js';
import { callbackValue } from '../helpers/card-tree.js';
import { fakeFile, sendFile } from '../helpers/evidence-upload.js';
import { messageEvent } from '../helpers/lark-traffic.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';

const OFFICER = 'ou_demo_b1';
/** 横渠镇: schools 03 and 04; 齐镇: schools 15 and 16. */
const HENGQU = ['oc_demo_school_03', 'oc_demo_school_04'];
const QIZHEN = ['oc_demo_school_15', 'oc_demo_school_16'];
const isCard = (m: SandboxMessage) => m.msg_type === 'interactive';

describe('通知 (一月一调度): a notice to schools, 收到, 通知 状态, one reminder, a file', () => {
  let ducha: TestDucha;
  const inChat = (chatId: string) => ducha.botMessages().filter((m) => m.chat_id === chatId && m.parent_id === null);
  const noticeCards = (chatId: string) => inChat(chatId).filter((m) => isCard(m) && m.text.includes('教体局通知'));
  const answer = async (text: string, who = OFFICER, extra: { parent_id?: string } = {}) => (await ducha.say(who, text, undefined, extra)).reply!;

  beforeAll(async () => {
    // Tuesday 09:00, inside the sending window.
    ducha = await startTestDucha({ now: '2026-12-01T09:00:00+08:00', roster: 'demo' });
  });
  afterAll(() => ducha?.close());

  it('refuses other roles, groups and bad input with what to write, and sends nothing', async () => {
    expect((await answer('通知 全部 开会', 'ou_demo_t0301')).text).toBe('通知由教体局下发。收到通知后，点卡片上的「收到」即可确认。');
    const inGroup = await ducha.say(OFFICER, '通知 全部 开会', 'oc_demo_bureau');
    expect(inGroup.replies).toEqual([]);
    expect(inChat(p2pChatIdFor(OFFICER)).at(-1)!.text).toContain('通知只在私聊中下发');
    expect((await answer('通知')).text).toContain('下发通知：「通知 全部 通知内容」');
    expect((await answer('通知 全部')).text).toBe('请写上通知内容，例如「通知 全部 请于周五前报送安全排查表」。没有发送任何通知。');
    expect((await answer('通知 火星镇、横渠镇、月球学校 开会')).text).toMatch(/^没有找到：「火星镇」、「月球学校」。可写「全部」、镇街名（首善街道、横渠镇/);
    expect((await answer(`通知 全部 ${'字'.repeat(1001)}`)).text).toBe('通知内容有 1001 字，超过 1000 字的上限。请精简，或把全文作为文件随通知下发。没有发送任何通知。');
    expect((await answer('通知 横渠镇 槐芽镇 开会')).text).toContain('通知内容以「槐芽镇」开头，它是镇街或学校名');
    expect((await answer('通知 状态 abc')).text).toBe('请写「通知 状态」，或「通知 状态 编号」（编号见下发时的回复）。');
    expect(await ducha.db.select().from(notices)).toEqual([]);
    expect(ducha.botMessages().filter((m) => m.chat_id.startsWith('oc_demo_school_'))).toEqual([]);
  });

  it('sends to a town: each school chat and principal 1:1 gets the card, the text as written, and the officer the counts', async () => {
    const reply = await answer('通知 横渠鎮 请于周五前报送冬季安全排查表。\n排查须覆盖校舍、食堂。');
    expect(reply.text).toBe('通知 #1 已下发到 2 所学校（学校群 2 个，校长私聊 2 人）。\n12-02 08:00 将提醒尚未点「收到」的学校一次。发「通知 状态 1」查看确认情况。');
    for (const chat of [...HENGQU, p2pChatIdFor('ou_demo_p03'), p2pChatIdFor('ou_demo_p04')]) {
      const cards = noticeCards(chat);
      expect(cards, chat).toHaveLength(1);
      expect(JSON.stringify(cards[0]!.content)).toContain('请于周五前报送冬季安全排查表。\\n排查须覆盖校舍、食堂。');
      expect(callbackValue(cards[0]!)).toMatchObject({ action: 'notice_ack', notice_id: 1 });
    }
    expect(noticeCards('oc_demo_school_05')).toEqual([]);
    expect(noticeCards(p2pChatIdFor('ou_demo_p05'))).toEqual([]);
    const [row] = await ducha.db.select().from(notices);
    expect(row).toMatchObject({ scope: '横渠镇', text: '请于周五前报送冬季安全排查表。\n排查须覆盖校舍、食堂。', remindAt: new Date('2026-12-02T08:00:00+08:00'), remindedAt: null });
    expect(await ducha.db.select().from(noticeReceipts)).toHaveLength(2);
  });

  it('收到: the first of the school acknowledges, the card redraws in place; later presses and others are told', async () => {
    const card = noticeCards('oc_demo_school_03')[0]!;
    const mine = noticeCards(p2pChatIdFor('ou_demo_p03'))[0]!;
    const other = noticeCards('oc_demo_school_04')[0]!;
    // The buttons' values, read before the cards are redrawn without them.
    const [ours, theirs, own] = [callbackValue(card), callbackValue(other), callbackValue(mine)];
    const first = await ducha.click('ou_demo_t0301', card.message_id, { value: ours });
    expect(first.delivered.body.toast).toEqual({ type: 'success', content: '已确认收到，谢谢。' });
    const redrawn = ducha.sandbox.find(card.message_id)!;
    expect(redrawn.text).toMatch(/已确认收到：\S+（12-01 09:00）/);
    expect(JSON.stringify(redrawn.content)).not.toContain('notice_ack');
    // The principal's own copy, pressed later: who did it, and that copy redrawn too.
    ducha.setTime('2026-12-01T09:30:00+08:00');
    const later = await ducha.click('ou_demo_p03', mine.message_id, { value: own });
    expect(later.delivered.body.toast).toMatchObject({ type: 'info', content: expect.stringMatching(/^本校已由\S+于 12-01 09:00 确认收到。$/) });
    expect(ducha.sandbox.find(mine.message_id)!.text).toContain('已确认收到');
    // A teacher of another school in school 03's chat; school 03's principal with school 04's button.
    const stranger = await ducha.click('ou_demo_t0501', card.message_id, { value: ours });
    expect(stranger.delivered.body.toast).toMatchObject({ type: 'error' });
    const forged = await ducha.click('ou_demo_p03', mine.message_id, { value: theirs });
    expect(forged.delivered.body.toast).toEqual({ type: 'error', content: '这条通知不是发给您学校的，不能替别的学校确认。' });
    const receipts = await ducha.db.select().from(noticeReceipts).where(eq(noticeReceipts.noticeId, 1));
    expect(receipts.filter((r) => r.acknowledgedAt).map((r) => r.acknowledgedAt)).toEqual([new Date('2026-12-01T09:00:00+08:00')]);
  });

  it('通知 状态 lists the latest with counts; 通知 狀態 1 names who has not acknowledged, by town', async () => {
    const list = await answer('通知 状态');
    expect(list.text).toMatch(/#1\*\* 12-01 09:00 \S+ → 横渠镇　已确认 \*\*1\/2\*\*/);
    const one = await answer('通知 狀態 1');
    expect(one.text).toContain('未确认（1 所）**\n横渠镇：横渠初级中学(示例)\n');
    expect(one.text).toMatch(/已确认（1 所）\*\*\n横渠镇中心小学\(示例\)：\S+（12-01 09:00）/);
    expect((await answer('通知 状态 99')).text).toBe('没有编号为 #99 的通知。发「通知 状态」查看最近的通知。');
  });

  it('reminds the schools still unacknowledged once, the next workday morning, and 收到 on the reminder counts', async () => {
    expect((await ducha.tick('2026-12-01T17:00:00+08:00')).noticeReminders).toBe(0);
    expect((await ducha.tick('2026-12-02T08:00:00+08:00')).noticeReminders).toBe(1);
    const reminders = (chat: string) => inChat(chat).filter((m) => m.text.includes('提醒：请确认收到通知'));
    expect(reminders('oc_demo_school_04')).toHaveLength(1);
    expect(reminders(p2pChatIdFor('ou_demo_p04'))).toHaveLength(1);
    expect(reminders('oc_demo_school_03')).toEqual([]);
    expect(reminders('oc_demo_school_04')[0]!.text).toContain('请于周五前报送冬季安全排查表。');
    expect((await ducha.tick('2026-12-02T10:00:00+08:00')).noticeReminders).toBe(0);
    expect(reminders('oc_demo_school_04')).toHaveLength(1);
    const card = reminders(p2pChatIdFor('ou_demo_p04'))[0]!;
    const clicked = await ducha.click('ou_demo_p04', card.message_id, { value: callbackValue(card) });
    expect(clicked.delivered.body.toast).toMatchObject({ type: 'success' });
    expect((await answer('通知 状态 1')).text).toContain('全部学校都已确认收到。');
  });

  it('carries a file: the officer replies to the file with 通知, and each card is followed by the file', async () => {
    ducha.setTime('2026-12-02T10:30:00+08:00');
    const bytes = fakeFile('pdf', 50_000);
    const file = await sendFile(ducha, { openId: OFFICER, kind: 'file', bytes, fileName: '冬季安全方案.pdf' });
    expect(file.reply!.text).toContain('如要随通知下发，请回复这条文件消息「通知 全部 通知内容」');
    // Replying to a text (not a file) is refused; so is a file over the limit.
    const text = await ducha.say(OFFICER, '你好');
    expect((await answer('通知 齐镇 请查收方案', OFFICER, { parent_id: text.message_id })).text).toContain('您回复的消息不是文件');
    const big = await sendFile(ducha, { openId: OFFICER, kind: 'file', bytes: fakeFile('pdf', 10 * 1024 * 1024 + 1), fileName: '大.pdf' });
    expect((await answer('通知 齐镇 请查收方案', OFFICER, { parent_id: big.message_id })).text).toMatch(/超过通知附件 10 MB 的上限，没有发送任何通知/);
    expect(await ducha.db.select().from(notices)).toHaveLength(1);

    const mark = ducha.botMessages().length;
    // Replying to the bot's answer under the file means the file too.
    const reply = await answer('通知 齐镇 请查收冬季安全方案', OFFICER, { parent_id: file.reply!.message_id });
    expect(reply.text).toMatch(/^通知 #2 已下发到 2 所学校（学校群 2 个，校长私聊 2 人），附文件「冬季安全方案.pdf」。/);
    for (const chat of [...QIZHEN, p2pChatIdFor('ou_demo_p15'), p2pChatIdFor('ou_demo_p16')]) {
      const sent = ducha.botMessages().slice(mark).filter((m) => m.chat_id === chat);
      expect(sent.map((m) => m.msg_type), chat).toEqual(['interactive', 'file']);
      expect(sent[1]!.file_name).toBe('冬季安全方案.pdf');
      const key = (sent[1]!.content as { file_key: string }).file_key;
      expect(Buffer.from(ducha.sandbox.files.get(key)!.bytes).equals(bytes), chat).toBe(true);
    }
    expect(await ducha.db.select().from(notices).where(eq(notices.id, 2))).toMatchObject([{ fileName: '冬季安全方案.pdf' }]);
    // The bytes were stored once for the four copies, and emptied once all four were sent.
    const attachments = async () => (await ducha.db.select().from(outboxAttachments)).filter((a) => a.outboxKey.startsWith('notice-file:2:'));
    expect((await attachments()).filter((a) => a.bytesOf === null)).toHaveLength(1);
    expect(await attachments()).toHaveLength(4);
    await expect.poll(async () => (await attachments()).filter((a) => a.bytes !== null).length).toBe(0);
  });

  it('a notice sent at night waits for the window; a re-delivered event sends nothing twice', async () => {
    // Friday 22:00: the cards go Monday 08:00, the reminder Tuesday 08:00.
    ducha.setTime('2026-12-04T22:00:00+08:00');
    const said = messageEvent(ducha.sandbox, { openId: OFFICER, text: '通知 首善街道中心小学 周一例会改到下午' });
    await deliverEnvelope(ducha.sandbox, '/lark/events', said.envelope);
    await deliverEnvelope(ducha.sandbox, '/lark/events', { ...said.envelope, header: { ...said.envelope.header, event_id: `${said.envelope.header.event_id}-again` } });
    await ducha.settle();
    const replies = ducha.botMessages().filter((m) => m.parent_id === said.messageId);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toContain('现在不在发送时段，将于 12-07 08:00 发出。\n12-08 08:00 将提醒');
    expect(await ducha.db.select().from(notices)).toHaveLength(3);
    expect(noticeCards('oc_demo_school_01')).toEqual([]);
    const held = await ducha.db.select().from(outbox).where(eq(outbox.kind, 'notice'));
    expect(held.filter((r) => r.status === 'pending').map((r) => r.notBefore)).toEqual([new Date('2026-12-07T08:00:00+08:00'), new Date('2026-12-07T08:00:00+08:00')]);
    ducha.setTime('2026-12-07T08:00:00+08:00');
    await ducha.settle();
    expect(noticeCards('oc_demo_school_01')).toHaveLength(1);
    expect(noticeCards(p2pChatIdFor('ou_demo_p01'))).toHaveLength(1);
  });

  it('names no child: a student’s full name and number in the text are hidden in every copy, and the officer is told', async () => {
    await seedFixtureStudents(ducha.db, ducha.deps.clock.now());
    const reply = await answer('通知 首善街道 请核实学生欧阳雨辰（学号 2026005）的资助情况，联系人 13800138000');
    expect(reply.text).toContain('文中 2 处学生姓名、学号或身份证号已隐去（如 张*明）');
    const [row] = await ducha.db.select().from(notices).where(eq(notices.id, 4));
    // The staff's contact number stays: it is meant to be called.
    expect(row!.text).toBe('请核实学生欧**辰（学号 2******）的资助情况，联系人 13800138000');
    const copies = (await ducha.db.select().from(outbox).where(eq(outbox.kind, 'notice'))).filter((r) => r.key.startsWith('notice:4:'));
    expect(copies).toHaveLength(4);
    for (const copy of copies) expect(copy.content).not.toMatch(/欧阳雨辰|2026005/);
  });
});
