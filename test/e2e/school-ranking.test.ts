import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, schools } from '../../src/db/schema/index.js';
import { isP2pChatId, p2pChatIdFor, type SandboxMessage } from '../../src/lark/sandbox/sandbox-state.js';
import { callbackValues } from '../helpers/card-tree.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';
import { insertReviewedEvidence } from '../fixtures/evidence-rows.js';

const OFFICER = 'ou_demo_b1';
const BUREAU = 'oc_demo_bureau';
const EVIDENCE_CODES = ['1.1', '1.2', '2.2', '2.4', '4.2', '5.1', '5.3', '6.3', '7.1', '7.2', '8.1', '8.2'];

/** The ranking card's rows as a reader sees them: [place, school, score]. */
const rowsOf = (card: SandboxMessage) =>
  [...card.text.matchAll(/\*\*((?:并列)?第 \d+ 名)\*\*　(\S+)（\S+）\*\*([\d.]+)\*\* 分/g)].map((m) => [m[1], m[2], Number(m[3])]);

describe('排名: schools by total with shared ranks, a "why" for each, and never in a school chat', () => {
  let ducha: TestDucha;
  const ask = async (words: string, who = OFFICER, chat?: string) => (await ducha.say(who, words, chat)).reply!;

  beforeAll(async () => {
    ducha = await startTestDucha({ now: '2026-11-20T10:00:00+08:00', roster: 'demo' });
    // Nothing filed or inspected: every school keeps the 61 points of the data items and loses the 39 of evidence.
    // 槐芽镇中心小学 files all of it; two schools lose 2 points each in one inspection; 横渠镇中心小学 is inspected twice.
    for (const words of ['督查 横渠镇中心小学 2.3 -2 劝返记录不全', '督查 横渠初级中学 6.1 -2 消防通道堆放杂物', '督查 槐芽初级中学 7.3 -2 听课记录缺失']) {
      expect((await ask(words)).text).toContain('分');
    }
    ducha.setTime('2026-12-15T10:00:00+08:00');
    expect((await ask('督查 横渠镇中心小学 6.1 -3 围墙开裂')).text).toContain('1/4 分');
    const schoolId = async (chatId: string) => (await ducha.db.select({ id: schools.id }).from(schools).where(eq(schools.chatId, chatId)))[0]!.id;
    const [principal] = await ducha.db.select({ id: people.id }).from(people).where(eq(people.openId, 'ou_demo_p05'));
    const at = ducha.clock.now();
    await insertReviewedEvidence(ducha.db, { schoolId: await schoolId('oc_demo_school_05'), uploadedById: principal!.id, period: '2026-11', at, items: EVIDENCE_CODES.map((code) => ({ code, review: 'accepted' })) });
    await insertReviewedEvidence(ducha.db, { schoolId: await schoolId('oc_demo_school_03'), uploadedById: principal!.id, period: '2026-12', at, items: [{ code: '2.2', review: 'rejected' }] });
  }, 120_000);
  afterAll(() => ducha?.close());

  it('ranks 1, 2 shared by twelve, 14 shared by two, then 16; equal totals keep the roster order', async () => {
    const card = await ask('排名 2026', OFFICER, BUREAU);
    expect(card.chat_id).toBe(BUREAU);
    expect(card.text).toContain('2026年学校督查排名');
    const rows = rowsOf(card);
    expect(rows).toHaveLength(16);
    expect(rows[0]).toEqual(['第 1 名', '槐芽镇中心小学(示例)', 100]);
    const second = rows.slice(1, 13);
    expect(second.every(([place, , score]) => place === '并列第 2 名' && score === 61)).toBe(true);
    // The roster's order inside a tie: 首善街道's two schools first, 金渠镇/营头镇/齐镇's last.
    expect(second.map(([, school]) => school).slice(0, 2)).toEqual(['首善街道中心小学(示例)', '首善初级中学(示例)']);
    expect(rows.slice(13)).toEqual([
      ['并列第 14 名', '横渠初级中学(示例)', 59],
      ['并列第 14 名', '槐芽初级中学(示例)', 59],
      // (2 + 3) ÷ 2 months inspected.
      ['第 16 名', '横渠镇中心小学(示例)', 58.5],
    ]);
    // (100 + 12 × 61 + 2 × 59 + 58.5) ÷ 16 = 63.03.
    expect(card.text).toContain('参评学校 **16** 所 · 平均 **63** 分');
    expect(callbackValues(card).filter((v) => v.action === 'ranking_why')).toHaveLength(16);
    expect(callbackValues(card).filter((v) => v.action === 'ranking_page')).toHaveLength(0);
  });

  it('"why" from the bureau chat goes 1:1 to the one who asked: each 大项, the lost sub-items with reasons, figures and returned evidence', async () => {
    const card = await ask('排名', OFFICER, BUREAU);
    // The buttons are in the rows' order: the last is the last school's.
    expect(rowsOf(card).at(-1)![1]).toBe('横渠镇中心小学(示例)');
    const why = callbackValues(card).filter((v) => v.action === 'ranking_why').at(-1);
    const clicked = await ducha.click(OFFICER, card.message_id, { value: why });
    expect(clicked.delivered.body.toast).toMatchObject({ type: 'success', content: '得分说明已私聊发给您。' });
    expect(clicked.sent).toHaveLength(1);
    const sent = clicked.sent[0]!;
    expect(sent.chat_id).toBe(p2pChatIdFor(OFFICER));
    expect(sent.text).toContain('横渠镇中心小学(示例) · 2026年得分说明');
    expect(sent.text).toContain('总分 **58.5**/100 分 · 第 **16** 名（共 16 所）');
    expect(sent.text).toContain('**②控辍保学机制** 8/16 分');
    expect(sent.text).toMatch(/· 2\.3 \S+ 失 1 分：督查 2 次；2026-11 扣 2 分（劝返记录不全）/);
    expect(sent.text).toMatch(/· 6\.1 \S+ 失 1\.5 分：督查 2 次；2026-12 扣 3 分（围墙开裂）/);
    expect(sent.text).toMatch(/· 2\.2 \S+ 失 4 分：佐证 1 件被退回\n　　退回：2\.2-\d+\.jpg（照片不清晰）/);
    expect(sent.text).toContain('**③防返贫预警监测和帮扶** 16/16 分\n　全部子项满分');
    // The bureau chat's card is as it was.
    expect(ducha.botMessages().filter((m) => m.chat_id === BUREAU).at(-1)!.message_id).toBe(card.message_id);
  });

  it('in a school chat, or by a teacher or principal: refused, and no school chat reads a rank or a reason', async () => {
    const before = ducha.botMessages().length;
    expect((await ducha.say(OFFICER, '排名 2026', 'oc_demo_school_03')).replies).toHaveLength(0);
    expect(ducha.botMessages().at(-1)).toMatchObject({ chat_id: p2pChatIdFor(OFFICER), text: '排名只在教体局群或私聊中查看，请私聊我发送「排名」。' });
    expect((await ask('排名', 'ou_demo_t0301')).text).toBe('学校排名由教体局查看；Ducha 不对教师个人排名。');
    expect((await ask('排名 2026', 'ou_demo_p03')).text).toContain('学校排名由教体局查看');
    expect((await ask('排名 横渠镇')).text).toBe('请写年份或季度，例如「排名 2026」「排名 2026Q4」。');
    // A principal who got hold of a why button (a forwarded card) is refused at the click.
    const card = await ask('排名 2026');
    const clicked = await ducha.click('ou_demo_p03', card.message_id, { value: callbackValues(card)[0] });
    expect(clicked.delivered.body.toast).toMatchObject({ type: 'error' });
    expect(clicked.sent).toHaveLength(0);
    for (const m of ducha.botMessages().slice(before).concat(ducha.botMessages()).filter((m) => !isP2pChatId(m.chat_id) && m.chat_id !== BUREAU)) {
      for (const word of ['排名', '得分说明', '劝返记录不全', '围墙开裂', '照片不清晰']) expect(m.text).not.toContain(word);
    }
  });

  it('a quarter ranks the same way; 排名 alone in January is the year just closed', async () => {
    const quarter = rowsOf(await ask('排名 2026年第四季度'));
    expect(quarter[0]).toEqual(['第 1 名', '槐芽镇中心小学(示例)', 100]);
    expect(quarter.at(-1)).toEqual(['第 16 名', '横渠镇中心小学(示例)', 58.5]);
    ducha.setTime('2027-01-08T10:00:00+08:00');
    expect((await ask('排名', 'ou_demo_a1')).text).toContain('2026年学校督查排名');
  });
});
