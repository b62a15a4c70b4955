import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, frameworkSubItems, inspectionScores } from '../../src/db/schema/index.js';
import { isP2pChatId, p2pChatIdFor } from '../../src/lark/sandbox/sandbox-state.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';
import { insertInspectionFramework } from '../fixtures/inspection-framework.js';

const OFFICER = 'ou_demo_b1';
/** 横渠镇中心小学(示例): school 03. */
const PRINCIPAL = 'ou_demo_p03';
const SCHOOL = '横渠镇中心小学(示例)';
const EXAMPLE = `督查 ${SCHOOL} 劝返复学台账 -2 劝返记录不全`;

describe('月督查 by text: the forms it takes, a clear refusal for each bad input, corrections', () => {
  let ducha: TestDucha;
  const ids: Record<string, number> = {};
  const oneToOne = (openId: string) => ducha.botMessages().filter((m) => m.chat_id === p2pChatIdFor(openId));
  const noticesTo = (openId: string) => oneToOne(openId).filter((m) => m.msg_type === 'interactive' && m.text.includes('月督查结果'));
  const answer = async (text: string, who = OFFICER) => (await ducha.say(who, text)).reply!.text;
  const scoresOf = (code: string) => ducha.db.select().from(inspectionScores).where(eq(inspectionScores.subItemId, ids[code]!));

  beforeAll(async () => {
    ducha = await startTestDucha({ now: '2026-12-15T10:00:00+08:00', roster: 'demo' });
    await insertInspectionFramework(ducha.db, ducha.clock.now());
    for (const row of await ducha.db.select({ id: frameworkSubItems.id, code: frameworkSubItems.code }).from(frameworkSubItems)) ids[row.code] = row.id;
  });
  afterAll(() => ducha?.close());

  it('bad inputs are refused, each with what to write, and store nothing', async () => {
    expect(await answer('督查 横渠镇中心小学 控辍保学 -2')).toBe(`扣分须写明原因，例如「${EXAMPLE}」`);
    expect(await answer('督查 横渠镇中心小学 控辍保学 -12 劝返记录不全')).toBe('「劝返复学台账」满分 10 分，得分须在 0 到 10 之间（收到 -2）');
    expect(await answer('督查 横渠镇中心小学 2.1 得分 11 劝返记录不全')).toBe('「劝返复学台账」满分 10 分，得分须在 0 到 10 之间（收到 11）');
    expect(await answer('督查 横渠镇中心小学 控辍保学 记录不全')).toContain(`请写上扣分或得分，例如「${EXAMPLE}」`);
    expect(await answer('督查 横渠镇中心小学 体育 -1 器材不足')).toContain('没有找到子项「体育」');
    expect(await answer('督查 横渠镇中心小学 办学条件 -1 围墙开裂')).toBe('「办学条件」对应多个子项（3.1 校舍安全、3.2 食堂卫生），请写编号或更完整的名称');
    expect(await answer('督查 火星学校 控辍保学 -1 x')).toContain('没有找到「火星学校」');
    expect(await answer('督查 横渠镇 控辍保学 -1 x')).toBe('「横渠镇」是镇街，请写学校名，例如「督查 横渠镇中心小学」');
    expect(await answer('督查')).toBe('请写上学校，例如「督查 槐芽镇中心小学」');
    expect(await ducha.db.select().from(inspectionScores)).toHaveLength(0);
  });

  it('督查 槐芽镇中心小学 控辍保学 -2 劝返记录不全: the score, the reason, an audit row and the principal’s card', async () => {
    expect(await answer('督查 横渠镇中心小学 控辍保学 -2 劝返记录不全 整改：一周内补齐')).toBe(`已记录：${SCHOOL} 劝返复学台账 8/10 分。扣分与整改要求已私聊发给校长。`);
    expect(await scoresOf('2.1')).toMatchObject([{ score: 8, reason: '劝返记录不全', remedy: '一周内补齐', replacedAt: null }]);
    const audited = await ducha.db.select().from(auditLog).where(eq(auditLog.action, 'inspection_score'));
    expect(audited).toMatchObject([{ role: 'bureau', channel: 'chat', studentId: null, detail: `督查 ${SCHOOL} 2026-12 2.1 得分 8，原因：劝返记录不全` }]);
    const notices = noticesTo(PRINCIPAL);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toContain('扣 2 分');
    expect(notices[0]!.text).toContain('整改要求：一周内补齐');
  });

  it('takes 得分 8, 8分, a code and Traditional script', async () => {
    expect(await answer('督查 横渠镇中心小学 3.1 得分 9 围墙有裂缝')).toContain('校舍安全 9/10 分');
    expect(await answer('督查 横渠镇中心小学 食堂 8分 留样不全')).toContain('食堂卫生 8/10 分');
    expect(await answer('督查 金渠鎮中心小學 組織 扣1分 分工不明')).toContain('金渠镇中心小学(示例) 工作专班 4/5 分');
  });

  it('a second score for the sub-item this month is a correction: it needs a new reason, and keeps the old row', async () => {
    expect(await answer('督查 横渠镇中心小学 控辍保学 -1')).toBe(`「劝返复学台账」本月已有评分，更正须写明原因，例如「督查 ${SCHOOL} 劝返复学台账 -1 复查已补齐部分记录」`);
    expect(await answer('督查 横渠镇中心小学 控辍保学 -1 劝返记录不全')).toContain('更正须写明原因');
    expect(await answer('督查 横渠镇中心小学 控辍保学 -2 劝返记录不全')).toBe('与本月已记录的评分相同，没有改动。');
    expect(await answer('督查 横渠镇中心小学 控辍保学 -1 复查已补齐一份')).toBe(`已更正：${SCHOOL} 劝返复学台账 9/10 分。扣分与整改要求已私聊发给校长。`);
    const rows = (await scoresOf('2.1')).sort((a, b) => a.id - b.id);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ score: 8, reason: '劝返记录不全', replacedById: rows[1]!.id });
    expect(rows[0]!.replacedAt).not.toBeNull();
    // The remedy in force is kept when the correction names none.
    expect(rows[1]).toMatchObject({ score: 9, reason: '复查已补齐一份', remedy: '一周内补齐', replacedAt: null });
    const corrections = await ducha.db.select().from(auditLog).where(eq(auditLog.action, 'inspection_correction'));
    expect(corrections.map((r) => r.detail)).toEqual([`督查更正 ${SCHOOL} 2026-12 2.1 8 → 9，原因：复查已补齐一份`]);
    const latest = noticesTo(PRINCIPAL).at(-1)!;
    expect(latest.text).toContain('以本卡为准');
    expect(latest.text).toContain('2.1 劝返复学台账**　扣 1 分');
    // The inspector's card keeps the history.
    const card = await answer('督查 横渠镇中心小学');
    expect(card).toContain('2.1 劝返复学台账：**9/10**');
    expect(card).toContain('原评分 8');
    expect(card).toContain('学校尚未回复整改情况。');
  });

  it('teachers and principals are told politely it is the bureau’s; an admin may inspect', async () => {
    expect(await answer('督查 横渠镇中心小学', 'ou_demo_t0301')).toBe('月督查由教体局工作人员进行，教师无需操作；学校的整改通知会私聊发给校长。');
    expect(await answer('督查 横渠镇中心小学 控辍保学 -2 x', PRINCIPAL)).toContain('月督查由教体局工作人员进行；督查后扣分和整改要求会私聊发给您');
    const admin = await ducha.say('ou_demo_a1', '督查 横渠镇中心小学');
    expect(admin.reply?.msg_type).toBe('interactive');
  });

  it('in a group chat: the bureau is told 1:1 to ask privately, and no group chat gets anything of an inspection', async () => {
    const before = await ducha.db.select().from(inspectionScores);
    const said = await ducha.say(OFFICER, '督查 横渠镇中心小学 校舍安全 -5 围墙倒塌', 'oc_demo_bureau');
    expect(said.replies).toHaveLength(0);
    expect(oneToOne(OFFICER).at(-1)!.text).toBe('督查内容只在私聊中处理，请私聊我发送「督查 学校名」。');
    await ducha.say(OFFICER, '督查 横渠镇中心小学', 'oc_demo_school_03');
    await ducha.say('ou_demo_t0301', '督查 横渠镇中心小学', 'oc_demo_school_03');
    expect(await ducha.db.select().from(inspectionScores)).toHaveLength(before.length);
    const inGroups = ducha.botMessages().filter((m) => !isP2pChatId(m.chat_id));
    expect(inGroups.filter((m) => m.chat_id === 'oc_demo_bureau')).toHaveLength(0);
    for (const m of inGroups) {
      for (const word of ['劝返记录不全', '复查已补齐一份', '围墙', '留样不全', '月督查结果', '月督查 ·', '扣分原因', '整改要求：']) expect(m.text).not.toContain(word);
    }
    expect(await ducha.db.select().from(auditLog).where(and(eq(auditLog.action, 'inspection_score'), eq(auditLog.channel, 'card')))).toHaveLength(0);
  });
});
