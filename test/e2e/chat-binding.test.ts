import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, people, schools } from '../../src/db/schema/index.js';
import { buildDemoCounty } from '../../src/domain/roster/demo-county.js';
import { importRoster } from '../../src/domain/roster/import-roster.js';
import type { SandboxMessage } from '../../src/lark/sandbox/sandbox-state.js';
import { callbackValue, callbackValues, findNodes } from '../helpers/card-tree.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';

// Chats that bind themselves (issue 18 §3), on one server over the demo county whose file gives no
// chat for schools 15 and 16: the bot added to groups, binding by role, a race, rebinding by the
// admin, removal flagged to the admins (prompts and nudges then go to the principal 1:1), and
// 「群成员」 listing who the roster lacks, with 添加为老师. Every step goes through the sandbox's
// signed events and the real SDK.

const [P15, P16, ADMIN, B1] = ['ou_demo_p15', 'ou_demo_p16', 'ou_demo_a1', 'ou_demo_b1'];
const noChat = (row: { openId: string }) => /^ou_demo_[pt]1[56]/.test(row.openId);

describe('chats that bind themselves', () => {
  let ducha: TestDucha;
  let names: Map<number, string>;
  let ids: { s15: number; s16: number; s01: number };

  beforeAll(async () => {
    ducha = await startTestDucha({ now: '2026-12-01T09:00:00+08:00', roster: buildDemoCounty().map((r) => (noChat(r) ? { ...r, chatId: null } : r)) });
    const rows = await ducha.db.select({ id: schools.id, name: schools.name, chatId: schools.chatId }).from(schools).orderBy(asc(schools.id));
    names = new Map(rows.map((r) => [r.id, r.name]));
    ids = { s01: rows[0]!.id, s15: rows[14]!.id, s16: rows[15]!.id };
  });
  afterAll(() => ducha?.close());

  const chatOf = async (schoolId: number) => (await ducha.db.select().from(schools).where(eq(schools.id, schoolId)))[0]!;
  const chatsOfStaff = async (schoolId: number) => new Set((await ducha.db.select({ chatId: people.chatId }).from(people).where(eq(people.schoolId, schoolId))).map((p) => p.chatId));
  const addBot = async (chatId: string, openId?: string) => {
    const before = ducha.sandbox.messages.length;
    const added = await ducha.post('/sandbox/add-bot', { chat_id: chatId, name: `群 ${chatId}`, ...(openId ? { open_id: openId } : {}), wait_ms: 0 });
    expect(added.status).toBe(200);
    await ducha.settle();
    return ducha.sandbox.messages.slice(before).filter((m) => m.sender.type === 'bot' && m.chat_id === chatId);
  };
  const toastOf = (clicked: { delivered: { body: { toast?: { content: string } } } }): string => clicked.delivered.body.toast?.content ?? '';
  const optionsOf = (card: SandboxMessage) => findNodes(card.content, (n) => n.tag === 'select_static').flatMap((s) => (s.options as { value: string }[]).map((o) => o.value));

  it('sends a school without a chat its round prompt to the principal 1:1, the others to their chats', async () => {
    await ducha.tick();
    const prompts = ducha.botMessages().filter((m) => m.msg_type === 'interactive' && m.text.includes('常态化动态预警监测'));
    expect(prompts.filter((m) => m.chat_type === 'group').map((m) => m.chat_id).sort()).toEqual(Array.from({ length: 14 }, (_, i) => `oc_demo_school_${String(i + 1).padStart(2, '0')}`));
    expect(prompts.filter((m) => m.chat_type === 'p2p').map((m) => m.receive_id).sort()).toEqual([P15, P16]);
  });

  it('tells a teacher or a stranger who adds the bot who can bind the chat, and binds nothing', async () => {
    for (const [chat, who] of [['oc_new_t', 'ou_demo_t1601'], ['oc_new_x', 'ou_somebody_else']] as const) {
      const [told, ...more] = await addBot(chat, who);
      expect(more).toEqual([]);
      expect(told!.msg_type).toBe('text');
      expect(told!.text).toContain('校长、教体局工作人员或管理员');
    }
    expect((await chatOf(ids.s16)).chatId).toBeNull();
    // And a teacher asking 「绑定」 is told the same.
    const { reply } = await ducha.say('ou_demo_t1601', '绑定', 'oc_new_t');
    expect(reply!.text).toContain('请他们在群里 @我 发「绑定」');
  });

  let winner: { principal: string; schoolId: number };
  let loser: { principal: string; schoolId: number };

  it('of two principals racing to bind one new chat, exactly one binds it; the other is told whose it is', async () => {
    const [added] = await addBot('oc_race', P15);
    expect(added!.text).toContain('这是哪个学校的群');
    const card16 = (await ducha.say(P16, '绑定', 'oc_race')).reply!;
    const [a, b] = await Promise.all([
      ducha.post('/sandbox/click', { open_id: P15, message_id: added!.message_id, value: callbackValue(added!), wait_ms: 0 }),
      ducha.post('/sandbox/click', { open_id: P16, message_id: card16.message_id, value: callbackValue(card16), wait_ms: 0 }),
    ]);
    await ducha.settle();
    const bound = await ducha.db.select({ id: schools.id }).from(schools).where(eq(schools.chatId, 'oc_race'));
    expect(bound).toHaveLength(1);
    const won = bound[0]!.id === ids.s15;
    [winner, loser] = won ? [{ principal: P15, schoolId: ids.s15 }, { principal: P16, schoolId: ids.s16 }] : [{ principal: P16, schoolId: ids.s16 }, { principal: P15, schoolId: ids.s15 }];
    const [winToast, loseToast] = won ? [toastOf(a.body), toastOf(b.body)] : [toastOf(b.body), toastOf(a.body)];
    expect(winToast).toContain('已绑定');
    expect(loseToast).toContain(`本群已是「齐镇 ${names.get(winner.schoolId)}」的群，只有管理员可以改绑`);
    expect((await chatOf(loser.schoolId)).chatId).toBeNull();
    expect(await chatsOfStaff(winner.schoolId)).toEqual(new Set(['oc_race']));
  });

  it('lets only the principal bind their school: a teacher, another principal and a bureau button are refused', async () => {
    const [card] = await addBot('oc_loser', loser.principal);
    const value = callbackValue(card!);
    expect(value).toMatchObject({ action: 'bind_chat', chat_id: 'oc_loser', place: `school:${loser.schoolId}` });
    const teacher = loser.schoolId === ids.s16 ? 'ou_demo_t1601' : 'ou_demo_t1501';
    expect(toastOf(await ducha.click(teacher, card!.message_id, { value }))).toContain('只有本校校长、教体局工作人员或管理员');
    expect(toastOf(await ducha.click(winner.principal, card!.message_id, { value }))).toContain('您只能把群绑定为本校的群');
    // A principal's click on a bureau value (not on their card) is refused by role too.
    expect(toastOf(await ducha.click(loser.principal, card!.message_id, { value: { ...value, place: 'bureau' } }))).toContain('您只能把群绑定为本校的群');
    // A card's value naming another chat binds nothing.
    expect(toastOf(await ducha.click(loser.principal, card!.message_id, { value: { ...value, chat_id: 'oc_race' } }))).toContain('不是发在这个群里');
    expect((await chatOf(loser.schoolId)).chatId).toBeNull();

    const clicked = await ducha.click(loser.principal, card!.message_id, { value });
    expect(toastOf(clicked)).toContain('已绑定');
    expect(ducha.sandbox.find(card!.message_id)!.text).toContain('群已绑定');
    expect((await chatOf(loser.schoolId)).chatId).toBe('oc_loser');
    expect(await chatsOfStaff(loser.schoolId)).toEqual(new Set(['oc_loser']));
    // Its teachers now check in there.
    const { reply } = await ducha.say(teacher, '走访2户 电话1户', 'oc_loser');
    expect(reply!.text).toContain('已收到');
    const audits = await ducha.db.select().from(auditLog).where(eq(auditLog.action, 'bind_chat'));
    expect(audits.map((a) => a.chatId).sort()).toEqual(['oc_loser', 'oc_race']);
  });

  it('keeps the chats bound in Lark when the roster file without 群id is imported again', async () => {
    const report = await importRoster(ducha.db, ducha.clock.now(), buildDemoCounty().map((r) => (noChat(r) ? { ...r, chatId: null } : r)));
    expect(report).toMatchObject({ created: 0, updated: 0 });
    expect((await chatOf(winner.schoolId)).chatId).toBe('oc_race');
    expect(await chatsOfStaff(loser.schoolId)).toEqual(new Set(['oc_loser']));
  });

  it('refuses a principal a chat bound elsewhere, and a school bound to another chat', async () => {
    const inBound = (await ducha.say(winner.principal, '绑定', 'oc_loser')).reply!;
    expect(inBound.text).toContain('只有管理员可以改绑');
    expect(toastOf(await ducha.click(winner.principal, inBound.message_id, { value: callbackValue(inBound) }))).toContain('本群已是');
    const [fresh] = await addBot('oc_fresh', winner.principal);
    expect(toastOf(await ducha.click(winner.principal, fresh!.message_id, { value: callbackValue(fresh!) }))).toContain('已绑定了另一个群，只有管理员可以改绑');
    expect((await chatOf(winner.schoolId)).chatId).toBe('oc_race');
  });

  it('lets a bureau officer bind the bureau chat, and the admin rebind any chat, from a searchable list', async () => {
    // A bureau officer may not move the bureau from its chat (oc_demo_bureau) to another; the admin may.
    const [bureauCard] = await addBot('oc_bureau_new', B1);
    expect(callbackValue(bureauCard!)).toMatchObject({ place: 'bureau' });
    expect(toastOf(await ducha.click(B1, bureauCard!.message_id, { value: callbackValue(bureauCard!) }))).toContain('「教育局群」已绑定了另一个群，只有管理员可以改绑');
    const adminCard = (await ducha.say(ADMIN, '绑定 教育局', 'oc_bureau_new')).reply!;
    expect(toastOf(await ducha.click(ADMIN, adminCard.message_id, { value: callbackValue(adminCard) }))).toContain('本群已绑定为教育局群');
    const bureau = await ducha.db.select({ chatId: people.chatId }).from(people).where(inArray(people.role, ['bureau', 'admin']));
    expect(new Set(bureau.map((p) => p.chatId))).toEqual(new Set(['oc_bureau_new']));

    // The admin's card lists 教育局群 and all 16 schools; 「绑定 齐镇」 only 齐镇's two.
    const all = (await ducha.say(ADMIN, '绑定', 'oc_race')).reply!;
    expect(optionsOf(all)).toHaveLength(17);
    const narrowed = (await ducha.say(ADMIN, '绑定 齐镇', 'oc_race')).reply!;
    expect(optionsOf(narrowed)).toEqual([`school:${ids.s15}`, `school:${ids.s16}`]);
    expect(toastOf(await ducha.click(ADMIN, narrowed.message_id, { value: callbackValue(narrowed), form_value: {} }))).toContain('请先选择');
    const rebound = await ducha.click(ADMIN, narrowed.message_id, { value: callbackValue(narrowed), form_value: { place: `school:${loser.schoolId}` } });
    expect(toastOf(rebound)).toContain(`原先绑定的「齐镇 ${names.get(winner.schoolId)}」已解除`);
    expect((await chatOf(loser.schoolId)).chatId).toBe('oc_race');
    expect((await chatOf(winner.schoolId)).chatId).toBeNull();
    expect(await chatsOfStaff(winner.schoolId)).toEqual(new Set([null]));
  });

  it("flags a removal to the admin 1:1; the school's nudge then goes to its principal, and re-adding the bot binds it again", async () => {
    const removed = await ducha.post('/sandbox/remove-bot', { chat_id: 'oc_race', open_id: loser.principal, name: '齐镇老师群', wait_ms: 0 });
    expect(removed.status).toBe(200);
    await ducha.settle();
    const flag = ducha.botMessages().filter((m) => m.receive_id === ADMIN && m.text.includes('【群提醒】'));
    expect(flag).toHaveLength(1);
    expect(flag[0]!.text).toContain(`移出了「齐镇 ${names.get(loser.schoolId)}」的群（齐镇老师群）`);
    expect((await chatOf(loser.schoolId)).botRemovedAt).not.toBeNull();

    // The deadline's reminders, then the principal's nudge: 1:1 to the principal, not into the chat the bot left.
    await ducha.tick('2026-12-22T15:00:00+08:00');
    const reminder = ducha.botMessages().find((m) => m.receive_id === loser.principal && callbackValues(m).some((v) => v.action === 'nudge'))!;
    const nudged = await ducha.click(loser.principal, reminder.message_id, { value: callbackValues(reminder).find((v) => v.action === 'nudge')! });
    expect(toastOf(nudged)).toContain('已私聊发给您');
    expect(nudged.sent).toHaveLength(1);
    expect(nudged.sent[0]).toMatchObject({ receive_id: loser.principal, msg_type: 'text' });
    expect(ducha.botMessages().filter((m) => m.chat_id === 'oc_race' && m.text.includes('<at'))).toEqual([]);

    const [again] = await addBot('oc_race', loser.principal);
    expect(again!.text).toContain('我被移出过');
    expect(toastOf(await ducha.click(loser.principal, again!.message_id, { value: callbackValue(again!) }))).toContain('已绑定');
    expect(await chatOf(loser.schoolId)).toMatchObject({ chatId: 'oc_race', botRemovedAt: null });
  });

  it('lists to the admin the members of a school chat the roster lacks (every page), and adds one as a teacher', async () => {
    const school01 = names.get(ids.s01)!;
    expect((await ducha.say(ADMIN, '群成员')).reply!.text).toContain('请写上学校名');
    expect((await ducha.say(ADMIN, '群成员 没有这所学校')).reply!.text).toContain('请写上学校名');
    expect((await ducha.say(ADMIN, `群成员 ${names.get(winner.schoolId)}`)).reply!.text).toContain('还没有可用的群');
    expect((await ducha.say('ou_demo_p01', `群成员 ${school01}`)).reply!.text).toContain('只对管理员开放');
    // Asked in a group, it is answered 1:1 and lists nobody there.
    const inGroup = await ducha.say(ADMIN, `群成员 ${school01}`, 'oc_bureau_new');
    expect(inGroup.replies).toEqual([]);
    expect(ducha.botMessages().at(-1)).toMatchObject({ receive_id: ADMIN, msg_type: 'text', text: expect.stringContaining('请私聊我发送') });

    // 150 more people in school 01's chat: two pages of Lark's 100, all read.
    const crowd = Array.from({ length: 150 }, (_, i) => ({ open_id: `ou_crowd_${i}`, name: `家长${i}` }));
    await ducha.post('/sandbox/chat-members', { chat_id: 'oc_demo_school_01', members: crowd });
    const card = (await ducha.say(ADMIN, `群成员 ${school01}`)).reply!;
    expect(card.chat_type).toBe('p2p');
    expect(card.text).toContain('其中 152 人不在名册中');
    const values = callbackValues(card);
    expect(values[0]).toMatchObject({ action: 'add_teacher', school_id: ids.s01, open_id: 'ou_demo_x0101' });
    expect(values.map((v) => v.open_id)).not.toContain('ou_demo_p01');

    const added = await ducha.click(ADMIN, card.message_id, { value: values[0]! });
    expect(toastOf(added)).toContain('添加为');
    const [teacher] = await ducha.db.select().from(people).where(eq(people.openId, 'ou_demo_x0101'));
    expect(teacher).toMatchObject({ role: 'teacher', schoolId: ids.s01, chatId: 'oc_demo_school_01', active: true });
    expect(await ducha.db.select().from(auditLog).where(and(eq(auditLog.action, 'add_teacher'), eq(auditLog.channel, 'card')))).toHaveLength(1);
    expect(toastOf(await ducha.click(ADMIN, card.message_id, { value: values[0]! }))).toContain('已在名册中');
    expect((await ducha.say('ou_demo_x0101', '走访1户 电话1户', 'oc_demo_school_01')).reply!.text).toContain('已收到');
    expect((await ducha.say(ADMIN, `群成员 ${school01}`)).reply!.text).toContain('其中 151 人不在名册中');
  });

  it("flags the bureau chat's removal too; the lagging list then goes to each bureau officer 1:1", async () => {
    await ducha.post('/sandbox/remove-bot', { chat_id: 'oc_bureau_new', open_id: B1, name: '教体局工作群', wait_ms: 0 });
    await ducha.settle();
    const [b1] = await ducha.db.select({ name: people.name }).from(people).where(eq(people.openId, B1));
    const flags = ducha.botMessages().filter((m) => m.receive_id === ADMIN && m.text.includes('移出了教育局群'));
    expect(flags.map((m) => m.text)).toEqual([expect.stringContaining(`督查助手被${b1!.name}移出了教育局群（教体局工作群）`)]);
    const before = ducha.sandbox.messages.length;
    await ducha.tick('2026-12-30T09:00:00+08:00');
    const lagging = ducha.sandbox.messages.slice(before).filter((m) => m.sender.type === 'bot' && m.text.includes('【落后提醒】'));
    expect(lagging.map((m) => m.receive_id).sort()).toEqual([B1, 'ou_demo_b2']);
  });

  it('answers bad input to the sandbox and the members API as Lark would', async () => {
    expect((await ducha.post('/sandbox/add-bot', {})).status).toBe(400);
    expect((await ducha.post('/sandbox/remove-bot', { chat_id: 'oc_p2p_ou_demo_a1' })).status).toBe(400);
    const client = ducha.deps.lark.client;
    await expect(client.im.chatMembers.get({ path: { chat_id: 'oc_demo_school_02' }, params: { page_size: 101 } })).rejects.toThrow();
    ducha.sandbox.chatsWithoutBot.add('oc_demo_school_03');
    await expect(client.im.chatMembers.get({ path: { chat_id: 'oc_demo_school_03' } })).rejects.toThrow();
    ducha.sandbox.chatsWithoutBot.delete('oc_demo_school_03');
  });
});
