import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { dropoutCaseEvents, dropoutCases, jobRuns, people, schools, students } from '../../src/db/schema/index.js';
import { isP2pChatId, p2pChatIdFor, type SandboxMessage } from '../../src/lark/sandbox/sandbox-state.js';
import { callbackValues, findNodes } from '../helpers/card-tree.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';
import { insertReviewedEvidence } from '../fixtures/evidence-rows.js';
import { seedFixtureStudents } from '../fixtures/students.js';
import { rawRows as rows } from '../../src/db/raw-rows.js';

const OFFICER = 'ou_demo_b1';
const BUREAU = 'oc_demo_bureau';
/** The default framework's evidence sub-items: a school with all of them accepted and nothing else lost meets everything. */
const EVIDENCE_CODES = ['1.1', '1.2', '2.2', '2.4', '4.2', '5.1', '5.3', '6.3', '7.1', '7.2', '8.1', '8.2'];

/** The register's movement over Q4, counted the plain way (not the query the bulletin uses). */
async function plainMovement(db: Db) {
  const start = '2026-10-01T00:00:00+08:00';
  const end = '2027-01-01T00:00:00+08:00';
  const [row] = await rows<Record<string, number>>(
    db,
    sql`select
      (select count(*) from dropout_cases where opened_at < ${start}::timestamptz and (closed_at is null or closed_at >= ${start}::timestamptz))::int as "atStart",
      (select count(*) from dropout_cases where opened_at < ${end}::timestamptz and (closed_at is null or closed_at >= ${end}::timestamptz))::int as "atEnd",
      (select count(*) from dropout_case_events where kind in ('opened', 'reopened') and at >= ${start}::timestamptz and at < ${end}::timestamptz)::int as opened,
      (select count(*) from dropout_case_events where kind = 'state' and to_state = 'returned' and at >= ${start}::timestamptz and at < ${end}::timestamptz)::int as returned`,
  );
  return row!;
}

const bulletinsIn = (ducha: TestDucha, chat: string, since = 0) => ducha.botMessages().slice(since).filter((m) => m.chat_id === chat && m.msg_type === 'interactive' && m.text.includes('督查通报'));

describe('季通报: on the first workday after the quarter, on demand, paged, and never in a school chat', () => {
  let ducha: TestDucha;
  const ask = async (words: string, who = OFFICER, chat?: string) => (await ducha.say(who, words, chat)).reply!;

  beforeAll(async () => {
    ducha = await startTestDucha({ now: '2026-11-20T10:00:00+08:00', roster: 'demo' });
    const db = ducha.db;
    expect((await ask('督查 横渠镇中心小学 2.3 -2 劝返记录不全')).text).toContain('1/3 分');
    ducha.setTime('2026-12-15T10:00:00+08:00');
    expect((await ask('督查 横渠镇中心小学 6.1 -3 围墙开裂')).text).toContain('1/4 分');
    const [first] = await db.select({ id: schools.id }).from(schools).where(eq(schools.chatId, 'oc_demo_school_05'));
    const [principal] = await db.select({ id: people.id }).from(people).where(eq(people.openId, 'ou_demo_p05'));
    await insertReviewedEvidence(db, { schoolId: first!.id, uploadedById: principal!.id, period: '2026-11', at: ducha.clock.now(), items: EVIDENCE_CODES.map((code) => ({ code, review: 'accepted' })) });
    // The register: one case open since September, one opened and closed (复学) in the quarter, one opened and still open.
    await seedFixtureStudents(db, ducha.clock.now());
    const [teacher] = await db.select({ id: people.id }).from(people).where(eq(people.openId, 'ou_demo_t0201'));
    const kids = await db.select({ id: students.id }).from(students).orderBy(students.id);
    const openCase = async (studentId: number, openedAt: string, closedAt?: string) => {
      const [row] = await db
        .insert(dropoutCases)
        .values({ studentId, state: closedAt ? 'returned' : 'persuading', responsibleId: teacher!.id, reason: '连续未到校', openedAt: new Date(openedAt), closedAt: closedAt ? new Date(closedAt) : null, updatedAt: new Date(openedAt) })
        .returning({ id: dropoutCases.id });
      await db.insert(dropoutCaseEvents).values({ caseId: row!.id, kind: 'opened', toState: 'suspected', at: new Date(openedAt) });
      if (closedAt) await db.insert(dropoutCaseEvents).values({ caseId: row!.id, kind: 'state', fromState: 'persuading', toState: 'returned', at: new Date(closedAt) });
    };
    await openCase(kids[0]!.id, '2026-09-10T09:00:00+08:00');
    await openCase(kids[1]!.id, '2026-11-02T09:00:00+08:00', '2026-12-01T09:00:00+08:00');
    await openCase(kids[5]!.id, '2026-11-05T09:00:00+08:00');
  }, 120_000);
  afterAll(() => ducha?.close());

  it('its figures: who met everything, who is called in and what they lack, the register’s movement as a plain count', async () => {
    const text = (await ask('通报 2026Q4', OFFICER, BUREAU)).text;
    expect(text).toContain('参评学校 **16** 所');
    // School 05 filed every evidence item and lost nothing; the others lack the 39 evidence points.
    expect(text).toMatch(/\*\*全部达标\*\*\n槐芽镇中心小学\(示例\)\s+\*\*落后约谈/);
    expect(text).toContain('全部达标 **1** 所 · 落后约谈 **15** 所（低于满分的 85%）');
    // Lowest first, each with what it lost most on. School 01 (the fixture children): a case open at the quarter's
    // end, three aided children unchecked, four at-risk children unvisited — 61 − 6 − 5 − 4.
    expect(text).toContain(
      [
        "**首善街道中心小学(示例)**（首善街道）<font color='red'>**46**</font>/100 分",
        '　· 2.1 失学辍学动态清零 失 6 分：期末仍有 1 件辍学案件未结',
        '　· 4.1 精准资助大排查 失 5 分：受助学生 3 人，已核查 0 人',
        '　· 2.2 控辍保学大摸排 失 4 分：本期未报送佐证',
        "**首善初级中学(示例)**（首善街道）<font color='red'>**51**</font>/100 分",
      ].join('\n'),
    );
    // 横渠镇中心小学: 61 less (2 + 3) ÷ 2 months inspected, the reasons as the inspector gave them.
    expect(text).toContain("**横渠镇中心小学(示例)**（横渠镇）<font color='red'>**58.5**</font>/100 分");
    expect(text).toContain('扣分原因请私聊查看：「排名」中点「查看原因」');
    expect(text).toContain('另有 5 所，详见「通报 2026Q4 导出」');
    const plain = await plainMovement(ducha.db);
    expect(plain).toEqual({ atStart: 1, atEnd: 2, opened: 2, returned: 1 });
    expect(text).toContain(`期初在办 ${plain.atStart} 件 · 新增 ${plain.opened} 件 · 复学 ${plain.returned} · 转学 0 · 豁免 0 · 期末在办 <font color='red'>**${plain.atEnd}**</font> 件`);
    // Every school's score by 大项: the lowest school's line.
    expect(text).toContain('横渠镇 · **横渠镇中心小学(示例)** **58.5**');
    expect(text).toContain('③16');
  });

  it('pages: 20 schools to a page, 下一页 replaces the card in place with the rest', async () => {
    const card = await ask('通报 2026年第四季度', OFFICER, BUREAU);
    const lines = (m: { text: string }) => m.text.split('\n').filter((l) => / · \*\*.+\*\* \*\*[\d.]+\*\*/.test(l));
    expect(lines(card)).toHaveLength(16);
    expect(callbackValues(card).filter((v) => v.action === 'bulletin_page')).toHaveLength(0);
    expect(Buffer.byteLength(JSON.stringify(card.content))).toBeLessThan(30 * 1024);
  });

  it('asked in a school chat or by a teacher or principal: refused, and the group reads nothing', async () => {
    const before = ducha.botMessages().length;
    const said = await ducha.say(OFFICER, '通报 2026Q4', 'oc_demo_school_03');
    expect(said.replies).toHaveLength(0);
    expect(ducha.botMessages().at(-1)).toMatchObject({ chat_id: p2pChatIdFor(OFFICER), text: '通报只在教体局群或私聊中查看，请私聊我发送「通报」。' });
    expect(ducha.botMessages().slice(before).filter((m: SandboxMessage) => m.chat_id === 'oc_demo_school_03')).toHaveLength(0);
    expect((await ask('通报 2026Q4', 'ou_demo_t0301')).text).toBe('督查通报由教体局发布，教师无需操作。');
    expect((await ask('通报', 'ou_demo_p03')).text).toContain('督查通报由教体局发布');
    expect((await ask('通报 2026Q5')).text).toContain('请写季度');
    expect((await ask('通报 横渠镇')).text).toContain('请写季度');
  });

  it('goes to the bureau chat at 09:00 on 4 January 2027 (元旦 off till the 3rd), once', async () => {
    // The cards asked for on demand above are not the scheduled one.
    const asked = ducha.botMessages().length;
    await ducha.tick('2027-01-01T09:00:00+08:00');
    await ducha.tick('2027-01-04T08:59:00+08:00');
    expect(bulletinsIn(ducha, BUREAU, asked)).toHaveLength(0);
    const report = await ducha.tick('2027-01-04T09:00:00+08:00');
    expect(report.bulletins).toBe(1);
    await ducha.tick('2027-01-04T09:05:00+08:00');
    const sent = bulletinsIn(ducha, BUREAU, asked);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain('2026年第四季度督查通报');
    expect(await ducha.db.select().from(jobRuns).where(eq(jobRuns.key, 'bulletin:2026-Q4'))).toMatchObject([{ outcome: 'sent' }]);
    // No school chat got it, nor anything of the inspections.
    for (const m of ducha.botMessages().filter((m) => !isP2pChatId(m.chat_id) && m.chat_id !== BUREAU)) {
      for (const word of ['督查通报', '落后约谈', '劝返记录不全', '围墙开裂']) expect(m.text).not.toContain(word);
    }
  });

  it('通报 alone is the last ended quarter; an admin may ask too', async () => {
    ducha.setTime('2027-01-10T10:00:00+08:00');
    const card = await ask('通报', 'ou_demo_a1');
    expect(card.msg_type).toBe('interactive');
    expect(card.text).toContain('2026年第四季度督查通报');
    expect(findNodes(card.content, (n) => n.tag === 'markdown').length).toBeGreaterThan(3);
  });
  it('a quarter nobody supervised is not published (checked last: its tick opens October’s rounds)', async () => {
    // Q3 2026: the first workday after 国庆 is 8 October; nothing was inspected or filed then.
    await ducha.tick('2026-10-08T09:30:00+08:00');
    expect(await ducha.db.select().from(jobRuns).where(eq(jobRuns.key, 'bulletin:2026-Q3'))).toMatchObject([{ outcome: 'not_in_use' }]);
    expect(bulletinsIn(ducha, BUREAU).filter((m) => m.text.includes('第三季度'))).toHaveLength(0);
  });

});
