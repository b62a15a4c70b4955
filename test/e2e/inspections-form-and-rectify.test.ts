import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, frameworkSubItems, inspections, inspectionScores, people, rectifications } from '../../src/db/schema/index.js';
import { isP2pChatId, p2pChatIdFor, type SandboxMessage } from '../../src/lark/sandbox/sandbox-state.js';
import { callbackValue, findNodes } from '../helpers/card-tree.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';
import { insertInspectionFramework } from '../fixtures/inspection-framework.js';

const OFFICER = 'ou_demo_b1';
/** 槐芽镇中心小学(示例): school 05. */
const PRINCIPAL = 'ou_demo_p05';
const SCHOOL = '槐芽镇中心小学(示例)';

describe('月督查 by the form: scores, audit, the principal’s card, 已整改 and the school’s card', () => {
  let ducha: TestDucha;
  /** Sub-item ids by code. */
  const ids: Record<string, number> = {};
  const oneToOne = (openId: string) => ducha.botMessages().filter((m) => m.chat_id === p2pChatIdFor(openId));
  const noticesTo = (openId: string) => oneToOne(openId).filter((m) => m.msg_type === 'interactive' && m.text.includes('月督查结果'));
  const field = (kind: 'score' | 'reason' | 'remedy', code: string) => `${kind}_${ids[code]}`;
  const openCard = async (who = OFFICER) => {
    const { reply } = await ducha.say(who, '督查 槐芽镇中心小学');
    expect(reply?.msg_type).toBe('interactive');
    return reply!;
  };

  beforeAll(async () => {
    ducha = await startTestDucha({ now: '2026-12-03T10:00:00+08:00', roster: 'demo' });
    await insertInspectionFramework(ducha.db, ducha.clock.now());
    for (const row of await ducha.db.select({ id: frameworkSubItems.id, code: frameworkSubItems.code }).from(frameworkSubItems)) ids[row.code] = row.id;
  });
  afterAll(() => ducha?.close());

  it('督查 <school> 1:1 opens the month’s form: one score, reason and remedy per inspection sub-item, grouped by 大项', async () => {
    const card = await openCard();
    expect(card.chat_id).toBe(p2pChatIdFor(OFFICER));
    expect(card.text).toContain(`月督查 · ${SCHOOL} · 2026-12`);
    const inputs = findNodes(card.content, (n) => n.tag === 'input').map((n) => n.name);
    expect(inputs).toEqual(['1.1', '2.1', '3.1', '3.2'].flatMap((c) => [field('score', c), field('reason', c), field('remedy', c)]));
    for (const heading of ['组织领导', '控辍保学', '办学条件']) expect(card.text).toContain(heading);
    // Sub-items scored from data or evidence are not the inspector's.
    expect(card.text).not.toContain('辍学率');
    expect(card.text).toContain('2.1 劝返复学台账（满分 10）');
  });

  it('a deduction without a reason is refused and nothing is stored', async () => {
    const card = await openCard();
    const clicked = await ducha.click(OFFICER, card.message_id, { value: callbackValue(card), form_value: { [field('score', '2.1')]: '8' } });
    expect(clicked.delivered.body.toast).toMatchObject({ type: 'error', content: '「劝返复学台账」扣了分，请填写扣分原因' });
    const bad = await ducha.click(OFFICER, card.message_id, { value: callbackValue(card), form_value: { [field('score', '3.1')]: '12', [field('reason', '3.1')]: 'x' } });
    expect(bad.delivered.body.toast).toMatchObject({ type: 'error', content: '「校舍安全」的得分须是 0 到 10 之间的数字' });
    expect(await ducha.db.select().from(inspections)).toHaveLength(0);
    expect(noticesTo(PRINCIPAL)).toHaveLength(0);
  });

  it('submitted, every sub-item is scored (blank is full points), each audited, and the principal gets one card 1:1', async () => {
    const card = await openCard();
    const clicked = await ducha.click(OFFICER, card.message_id, {
      value: callbackValue(card),
      form_value: { [field('score', '2.1')]: '8', [field('reason', '2.1')]: '劝返记录不全', [field('remedy', '2.1')]: '补齐劝返记录', [field('score', '1.1')]: '' },
    });
    expect(clicked.delivered.body.toast).toMatchObject({ type: 'success' });
    const scores = await ducha.db.select().from(inspectionScores).where(isNull(inspectionScores.replacedAt));
    expect(Object.fromEntries(scores.map((s) => [s.subItemId, s.score]))).toEqual({ [ids['1.1']!]: 5, [ids['2.1']!]: 8, [ids['3.1']!]: 10, [ids['3.2']!]: 10 });
    expect(scores.find((s) => s.subItemId === ids['2.1'])).toMatchObject({ reason: '劝返记录不全', remedy: '补齐劝返记录' });
    const [officer] = await ducha.db.select().from(people).where(eq(people.openId, OFFICER));
    const audited = await ducha.db.select().from(auditLog).where(eq(auditLog.action, 'inspection_score'));
    expect(audited).toHaveLength(4);
    for (const row of audited) expect(row).toMatchObject({ personId: officer!.id, role: 'bureau', channel: 'card', studentId: null });
    expect(audited.map((r) => r.detail)).toContain('督查 槐芽镇中心小学(示例) 2026-12 2.1 得分 8，原因：劝返记录不全');

    const notices = noticesTo(PRINCIPAL);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.receive_id).toBe(PRINCIPAL);
    expect(notices[0]!.text).toContain('2.1 劝返复学台账**　扣 2 分');
    expect(notices[0]!.text).toContain('扣分原因：劝返记录不全');
    expect(notices[0]!.text).toContain('整改要求：补齐劝返记录');
    expect(notices[0]!.text).not.toContain('校舍安全');
    expect(callbackValue(notices[0]!)).toMatchObject({ action: 'inspection_rectify' });
    // The redrawn card shows what was recorded.
    expect(clicked.delivered.body.card.data).toBeDefined();
  });

  it('the same form again changes nothing; a changed score without a new reason is refused', async () => {
    const card = await openCard();
    const same = await ducha.click(OFFICER, card.message_id, { value: callbackValue(card), form_value: { [field('score', '2.1')]: '8' } });
    expect(same.delivered.body.toast).toMatchObject({ type: 'error', content: '与本月已记录的评分相同，没有改动。' });
    const noReason = await ducha.click(OFFICER, card.message_id, { value: callbackValue(card), form_value: { [field('score', '3.2')]: '9' } });
    expect(noReason.delivered.body.toast).toMatchObject({ type: 'error', content: '「食堂卫生」的评分有改动，更正须填写原因' });
    expect(noticesTo(PRINCIPAL)).toHaveLength(1);
  });

  it('a correction by the form keeps the old row, is audited with its reason, and sends the principal an updated card', async () => {
    const card = await openCard();
    const clicked = await ducha.click(OFFICER, card.message_id, { value: callbackValue(card), form_value: { [field('score', '3.2')]: '9', [field('reason', '3.2')]: '复查发现留样不全' } });
    expect(clicked.delivered.body.toast).toMatchObject({ type: 'success' });
    const rows = await ducha.db.select().from(inspectionScores).where(eq(inspectionScores.subItemId, ids['3.2']!));
    expect(rows).toHaveLength(2);
    const [old, current] = rows.sort((a, b) => a.id - b.id);
    expect(old).toMatchObject({ score: 10, replacedById: current!.id });
    expect(old!.replacedAt).not.toBeNull();
    expect(current).toMatchObject({ score: 9, reason: '复查发现留样不全', replacedAt: null });
    const corrections = await ducha.db.select().from(auditLog).where(eq(auditLog.action, 'inspection_correction'));
    expect(corrections.map((r) => r.detail)).toEqual(['督查更正 槐芽镇中心小学(示例) 2026-12 3.2 10 → 9，原因：复查发现留样不全']);
    const notices = noticesTo(PRINCIPAL);
    expect(notices).toHaveLength(2);
    expect(notices[1]!.text).toContain('以本卡为准');
    expect(notices[1]!.text).toContain('3.2 食堂卫生**　扣 1 分');
  });

  it('已整改 needs a note; with one it is stored, the principal thanked and the inspector told, 1:1', async () => {
    const notice = noticesTo(PRINCIPAL).at(-1)!;
    const empty = await ducha.click(PRINCIPAL, notice.message_id, { value: callbackValue(notice), form_value: { note: ' ' } });
    expect(empty.delivered.body.toast).toMatchObject({ type: 'error', content: '请填写整改情况再点「已整改」' });
    // Someone else's click on the principal's card is refused by the card's owner check.
    const other = await ducha.click('ou_demo_p01', notice.message_id, { value: callbackValue(notice), form_value: { note: '已整改' } });
    expect(other.delivered.body.toast).toMatchObject({ type: 'error' });

    const clicked = await ducha.click(PRINCIPAL, notice.message_id, { value: callbackValue(notice), form_value: { note: '已补齐全部劝返记录，食堂每餐留样' } });
    expect(clicked.delivered.body.toast).toMatchObject({ type: 'success', content: '已收到整改情况，谢谢！' });
    const stored = await ducha.db.select().from(rectifications);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.note).toBe('已补齐全部劝返记录，食堂每餐留样');
    expect(await ducha.db.select().from(auditLog).where(eq(auditLog.action, 'inspection_rectification'))).toHaveLength(1);
    expect(clicked.sent).toHaveLength(2);
    const sent: SandboxMessage[] = clicked.sent;
    const thanks = sent.find((m) => m.chat_id === p2pChatIdFor(PRINCIPAL))!;
    const told = sent.find((m) => m.chat_id === p2pChatIdFor(OFFICER))!;
    expect(thanks.text).toContain(`已收到 ${SCHOOL} 的整改情况`);
    expect(told.text).toContain('已补齐全部劝返记录，食堂每餐留样');
    expect(told.text).toContain(`督查 ${SCHOOL}`);
  });

  it('the inspector’s 督查 <school> shows the scores, the correction and the rectification', async () => {
    const card = await openCard();
    expect(card.text).toContain('2.1 劝返复学台账：**8/10**');
    expect(card.text).toContain('扣分原因：劝返记录不全');
    expect(card.text).toContain('原评分 10');
    expect(card.text).toContain('学校整改情况');
    expect(card.text).toContain('已补齐全部劝返记录，食堂每餐留样');
    expect(card.text).toContain('督查项合计：**32/35** 分');
  });

  it('nothing of it reached any group chat', async () => {
    const inGroups = ducha.botMessages().filter((m) => !isP2pChatId(m.chat_id));
    for (const m of inGroups) {
      for (const word of ['劝返记录不全', '补齐劝返记录', '复查发现留样不全', '已补齐全部劝返记录', '月督查结果', '月督查 ·', '扣分原因']) expect(m.text).not.toContain(word);
    }
    const [inspection] = await ducha.db.select().from(inspections).where(and(eq(inspections.period, '2026-12')));
    expect(inspection!.notifiedAt).not.toBeNull();
  });
});
