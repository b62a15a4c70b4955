import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receivedEvents } from '../../src/db/schema/index.js';
import { createBotIdentity } from '../../src/lark/bot-identity.js';
import { silentLogger } from '../../src/log.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';

/** Two teachers of school 01 (its chat is oc_demo_school_01). */
const SENDER = { openId: 'ou_demo_t0101', name: '张国敏' };
const COLLEAGUE = { openId: 'ou_demo_t0102', name: '李志军' };
const SCHOOL_CHAT = 'oc_demo_school_01';
const AT_COLLEAGUE = [{ open_id: COLLEAGUE.openId, name: COLLEAGUE.name }];

/**
 * In a group Ducha acts only on messages that @-mention the bot (who the bot is comes from Lark's
 * bot/v3/info, asked once); a check-in is only ever the sender's, whoever else it mentions.
 */
describe('group messages and @-mentions', () => {
  let ducha: TestDucha;
  beforeAll(async () => {
    ducha = await startTestDucha({ now: '2026-12-01T09:00:00+08:00', roster: 'demo' });
    await ducha.tick();
  });
  afterAll(() => ducha.close());

  const storedFor = (openId: string) => ducha.responsesOf(openId);
  const eventDone = async (eventId: string) =>
    (await ducha.db.select({ processedAt: receivedEvents.processedAt }).from(receivedEvents).where(eq(receivedEvents.eventId, eventId)))[0]?.processedAt;

  it('asks Lark who the bot is once, at start', async () => {
    await ducha.deps.background.idle();
    expect(ducha.sandbox.botInfoRequests).toBe(1);
    expect(await ducha.deps.lark.bot.openId()).toBe('ou_sandbox_bot');
  });

  it('ignores a group message that does not @ the bot: no reply, nothing stored, the event handled', async () => {
    const before = ducha.botMessages().length;
    for (const text of ['走访8户 电话8户', '帮助']) {
      const said = await ducha.say(SENDER.openId, text, SCHOOL_CHAT, { at_bot: false });
      expect(said.delivered.status).toBe(200);
      expect(await eventDone(said.event_id)).toBeInstanceOf(Date);
    }
    expect(ducha.botMessages().slice(before)).toEqual([]);
    expect(await storedFor(SENDER.openId)).toEqual([]);
  });

  it('ignores `@colleague 走访8户 电话8户` that mentions only a colleague, not the bot', async () => {
    const before = ducha.botMessages().length;
    const said = await ducha.say(SENDER.openId, '走访8户 电话8户', SCHOOL_CHAT, { at_bot: false, mentions: AT_COLLEAGUE });
    expect(await eventDone(said.event_id)).toBeInstanceOf(Date);
    expect(ducha.botMessages().slice(before)).toEqual([]);
    expect(await storedFor(SENDER.openId)).toEqual([]);
    expect(await storedFor(COLLEAGUE.openId)).toEqual([]);
  });

  it('stores `@bot @colleague 走访8户 电话8户` for the sender only, and the receipt says so', async () => {
    const { reply } = await ducha.say(SENDER.openId, '走访8户 电话8户 新增预警0人', SCHOOL_CHAT, { mentions: AT_COLLEAGUE });
    expect(reply).toMatchObject({ chat_id: SCHOOL_CHAT });
    expect(reply!.text).toContain(`${SENDER.name}老师，已收到`);
    expect(reply!.text).toContain('只记在您本人名下');
    expect(reply!.text).not.toContain(COLLEAGUE.name);
    const mine = await storedFor(SENDER.openId);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.answers).toMatchObject({ home_visits: 8, phone_followups: 8 });
    expect(await storedFor(COLLEAGUE.openId)).toEqual([]);
  });

  it('a plain @bot check-in gets the plain receipt (no word about others)', async () => {
    const { reply } = await ducha.say(COLLEAGUE.openId, '走访3户 电话2户 新增预警0人', SCHOOL_CHAT);
    expect(reply!.text).toContain(`${COLLEAGUE.name}老师，已收到`);
    expect(reply!.text).not.toContain('只记在您本人名下');
    expect(await storedFor(COLLEAGUE.openId)).toHaveLength(1);
  });

  it('1:1 needs no mention', async () => {
    const { reply } = await ducha.say(SENDER.openId, '走访9户 电话8户 新增预警0人');
    expect(reply).toMatchObject({ chat_type: 'p2p' });
    expect(reply!.text).toContain('已更新');
    expect(reply!.text).not.toContain('只记在您本人名下');
    expect(await storedFor(SENDER.openId)).toHaveLength(1);
  });

  it('asked Lark who the bot is only that once, for all those messages', () => {
    expect(ducha.sandbox.botInfoRequests).toBe(1);
  });

  it('when Lark cannot say who the bot is, a group message waits and is answered at the retry; 1:1 is answered meanwhile', async () => {
    // As a Worker isolate that has not asked yet, while bot/v3/info is down.
    ducha.deps.lark.bot = createBotIdentity(ducha.deps.lark.client, silentLogger);
    ducha.sandbox.botInfoOutages = 1;
    const inGroup = await ducha.say(SENDER.openId, '走访7户 电话8户 新增预警0人', SCHOOL_CHAT);
    expect(inGroup.delivered.status).toBe(200);
    expect(inGroup.replies).toEqual([]);
    expect(await eventDone(inGroup.event_id)).toBeNull();
    const oneToOne = await ducha.say(COLLEAGUE.openId, '走访4户 电话2户 新增预警0人');
    expect(oneToOne.reply!.text).toContain(`${COLLEAGUE.name}老师，已更新`);

    await ducha.tick('2026-12-01T09:05:00+08:00');
    const replies = ducha.botMessages().filter((m) => m.parent_id === inGroup.message_id);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toContain(`${SENDER.name}老师，已更新`);
    expect(await eventDone(inGroup.event_id)).toBeInstanceOf(Date);
  });
});
