import type ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessmentCommand as assessmentCli } from '../../src/cli/commands/assessment.js';
import type { Db } from '../../src/db/database.js';
import { dropoutCaseEvents, dropoutCases, people, schools, students } from '../../src/db/schema/index.js';
import { isP2pChatId, p2pChatIdFor } from '../../src/lark/sandbox/sandbox-state.js';
import { silentLogger } from '../../src/log.js';
import { insertReviewedEvidence } from '../fixtures/evidence-rows.js';
import { downloadSentFile, openWorkbook, rowsOf } from '../helpers/sent-workbook.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';
import { rawRows as rows } from '../../src/db/raw-rows.js';

const OFFICER = 'ou_demo_b1';
const BUREAU = 'oc_demo_bureau';
/** The default framework's evidence sub-items (39 points): a school with all of them accepted and nothing else lost scores 100. */
const EVIDENCE_CODES = ['1.1', '1.2', '2.2', '2.4', '4.2', '5.1', '5.3', '6.3', '7.1', '7.2', '8.1', '8.2'];
const YEAR = { start: '2026-01-01T00:00:00+08:00', end: '2027-01-01T00:00:00+08:00' };

/**
 * The lost sub-items of 2026 counted the plain way: every school's evidence sub-items less those
 * with accepted evidence, plus the inspected sub-items with a deduction in force, plus 2.1 for a
 * school with a dropout case open at the year's end (no school owed any other figure here).
 */
async function plainLostCount(db: Db): Promise<{ schools: number; subItems: number; lost: number }> {
  const [row] = await rows<{ schools: number; subItems: number; evidenceSubs: number; accepted: number; deducted: number; openAtEnd: number }>(
    db,
    sql`with active as (select s.* from framework_sub_items s join frameworks f on f.id = s.framework_id where f.active)
        select (select count(*) from schools)::int as schools,
               (select count(*) from active)::int as "subItems",
               (select count(*) from active where scoring = 'evidence')::int as "evidenceSubs",
               (select count(distinct (e.school_id, a.code)) from evidence e join active a on a.id = e.sub_item_id
                 where e.review = 'accepted' and e.period like '2026-%')::int as accepted,
               (select count(distinct (i.school_id, a.code)) from inspection_scores x join inspections i on i.id = x.inspection_id
                 join active a on a.id = x.sub_item_id where x.replaced_at is null and x.score < a.points and i.period like '2026-%')::int as deducted,
               (select count(distinct st.school_id) from dropout_cases c join students st on st.id = c.student_id
                 where c.opened_at < ${YEAR.end}::timestamptz and (c.closed_at is null or c.closed_at >= ${YEAR.end}::timestamptz))::int as "openAtEnd"`,
  );
  const r = row!;
  return { schools: r.schools, subItems: r.subItems, lost: r.schools * r.evidenceSubs - r.accepted + r.deducted + r.openAtEnd };
}

/** The register's movement over Q4, counted the plain way (not the query the bulletin uses). */
async function plainMovement(db: Db): Promise<number[]> {
  const [start, end] = ['2026-10-01T00:00:00+08:00', '2027-01-01T00:00:00+08:00'];
  const openAt = (at: string) => sql`(select count(*) from dropout_cases where opened_at < ${at}::timestamptz and (closed_at is null or closed_at >= ${at}::timestamptz))::int`;
  const events = (where: ReturnType<typeof sql>) => sql`(select count(*) from dropout_case_events where ${where} and at >= ${start}::timestamptz and at < ${end}::timestamptz)::int`;
  const [row] = await rows<Record<string, number>>(
    db,
    sql`select ${openAt(start)} as a, ${events(sql`kind in ('opened', 'reopened')`)} as b, ${events(sql`kind = 'state' and to_state = 'returned'`)} as c,
               ${events(sql`kind = 'state' and to_state = 'transferred'`)} as d, ${events(sql`kind = 'state' and to_state = 'exempted'`)} as e, ${openAt(end)} as f`,
  );
  return ['a', 'b', 'c', 'd', 'e', 'f'].map((k) => row![k]!);
}

describe('考核 and 通报 导出: the supervision results as Excel files, sent 1:1 only', () => {
  let ducha: TestDucha;
  let tmp: string;
  const name: Record<string, string> = {};
  const ask = async (words: string, who = OFFICER, chat?: string) => ducha.say(who, words, chat);
  const filesTo = (openId: string) => ducha.botMessages().filter((m) => m.msg_type === 'file' && m.chat_id === p2pChatIdFor(openId));
  const sheet = (workbook: ExcelJS.Workbook, sheetName: string) => rowsOf(workbook.getWorksheet(sheetName)!);

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'ducha-assessment-'));
    ducha = await startTestDucha({ now: '2026-11-20T10:00:00+08:00', roster: 'demo' });
    const db = ducha.db;
    for (const s of await db.select({ chat: schools.chatId, name: schools.name }).from(schools)) name[s.chat!.slice(-2)] = s.name;
    const inspect = async (words: string, expected: string) => expect((await ask(`督查 ${words}`)).reply!.text).toContain(expected);
    // 横渠镇中心小学 (03): November and December inspected, (2 + 3) ÷ 2 lost; 汤峪初级中学 (08): December only, 1 + 1.5 lost: both 58.5.
    await inspect(`${name['03']} 2.3 -2 劝返记录不全 整改：补齐劝返记录`, '1/3 分');
    ducha.setTime('2026-12-15T10:00:00+08:00');
    await inspect(`${name['03']} 6.1 -3 围墙开裂`, '1/4 分');
    await inspect(`${name['08']} 2.3 -1 包联记录*缺页*`, '2/3 分');
    await inspect(`${name['08']} 6.1 -1.5 消防通道堵塞`, '2.5/4 分');
    const [principal] = await db.select({ id: people.id }).from(people).where(eq(people.openId, 'ou_demo_p05'));
    const schoolId = async (no: string) => (await db.select({ id: schools.id }).from(schools).where(eq(schools.chatId, `oc_demo_school_${no}`)))[0]!.id;
    const at = ducha.clock.now();
    // 05 filed and had accepted every evidence item (100); 07 one accepted, one waiting, one returned (61 + 3).
    await insertReviewedEvidence(db, { schoolId: await schoolId('05'), uploadedById: principal!.id, period: '2026-11', at, items: EVIDENCE_CODES.map((code) => ({ code, review: 'accepted' })) });
    const review = ['accepted', 'pending', 'rejected'] as const;
    await insertReviewedEvidence(db, { schoolId: await schoolId('07'), uploadedById: principal!.id, period: '2026-11', at, items: ['1.1', '1.2', '2.2'].map((code, i) => ({ code, review: review[i]! })) });
    // 02's register: a case open since September, one opened and closed (复学) in Q4, one opened and still open: 2.1 lost (55).
    const [teacher] = await db.select({ id: people.id }).from(people).where(eq(people.openId, 'ou_demo_t0201'));
    const school02 = await schoolId('02');
    const kids = await db
      .insert(students)
      .values(['甲', '乙', '丙'].map((n, i) => ({ schoolId: school02, studentNo: `900${i}`, name: `测试${n}`, className: '七(1)班', updatedAt: at })))
      .returning({ id: students.id });
    const openCase = async (studentId: number, openedAt: string, closedAt?: string) => {
      const [row] = await db
        .insert(dropoutCases)
        .values({ studentId, state: closedAt ? 'returned' : 'persuading', responsibleId: teacher!.id, reason: '连续未到校', openedAt: new Date(openedAt), closedAt: closedAt ? new Date(closedAt) : null, updatedAt: at })
        .returning({ id: dropoutCases.id });
      await db.insert(dropoutCaseEvents).values({ caseId: row!.id, kind: 'opened', toState: 'suspected', at: new Date(openedAt) });
      if (closedAt) await db.insert(dropoutCaseEvents).values({ caseId: row!.id, kind: 'state', fromState: 'persuading', toState: 'returned', at: new Date(closedAt) });
    };
    await openCase(kids[0]!.id, '2026-09-10T09:00:00+08:00');
    await openCase(kids[1]!.id, '2026-11-02T09:00:00+08:00', '2026-12-01T09:00:00+08:00');
    await openCase(kids[2]!.id, '2026-11-05T09:00:00+08:00');
    // A school named like a formula: its cell must stay text in Excel and WPS.
    await db.update(schools).set({ name: '=1+2初级中学(示例)' }).where(eq(schools.chatId, 'oc_demo_school_16'));
    name['16'] = "'=1+2初级中学(示例)";
  }, 120_000);
  afterAll(async () => {
    await ducha?.close();
    await rm(tmp, { recursive: true, force: true });
  });

  it('考核 2026 1:1: 总分 with shared ranks, 子项得分 and 扣分明细 against plain counts; the CLI writes the same workbook', async () => {
    const { reply } = await ask('考核 2026');
    expect(reply!.text).toContain('已生成「督查考核-2026年.xlsx」：16 所学校2026年的总分与名次');
    expect(reply!.text).toContain('2026年尚未结束，表中是截至今天的结果。');
    const files = filesTo(OFFICER);
    expect(files).toHaveLength(1);
    expect(files[0]!.file_name).toBe('督查考核-2026年.xlsx');
    const bytes = await downloadSentFile(ducha.url, files[0]!);
    // 16 schools × 29 sub-items is a few tens of KB; a province's 3,000 schools stay far under Lark's 30 MB.
    expect(bytes.byteLength).toBeLessThan(100 * 1024);
    const workbook = await openWorkbook(bytes);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['总分', '子项得分', '扣分明细']);
    for (const s of workbook.worksheets) expect(s.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

    const totals = sheet(workbook, '总分');
    const plain = await plainLostCount(ducha.db);
    expect(totals).toHaveLength(plain.schools);
    expect(Object.keys(totals[0]!).slice(0, 5)).toEqual(['名次', '镇街', '学校', '总分', '党的组织领导（12分）']);
    // Best first, equal totals sharing a rank (1, 2, 3 × 11, 14, 14, 16), a tie in roster order.
    expect(totals.map((r) => r['名次'])).toEqual([1, 2, ...Array(11).fill(3), 14, 14, 16]);
    const byName = (n: string) => totals.find((r) => r['学校'] === n)!;
    expect([name['05'], name['07'], name['03'], name['08'], name['02']].map((n) => [byName(n!)['名次'], byName(n!)['总分']])).toEqual([
      [1, 100],
      [2, 64],
      [14, 58.5],
      [14, 58.5],
      [16, 55],
    ]);
    expect(totals.slice(13, 15).map((r) => r['学校'])).toEqual([name['03'], name['08']]);
    expect(totals.filter((r) => r['总分'] === 61)).toHaveLength(11);
    // Each total is its 大项 summed, and the formula-like name stays text.
    for (const r of totals) expect(Math.round(Object.values(r).slice(4).reduce<number>((sum, v) => sum + Number(v) * 10, 0))).toBe(Math.round(Number(r['总分']) * 10));
    expect(totals[12]!['学校']).toBe(name['16']);

    const subItems = sheet(workbook, '子项得分');
    expect(subItems).toHaveLength(plain.schools * plain.subItems);
    expect(subItems.find((r) => r['学校'] === name['03'] && r['编号'] === '2.3')).toMatchObject({ 分值: 3, 得分: 2, 计分方式: '督查打分', 得分依据: '督查 2 次；2026-11 扣 2 分（劝返记录不全）' });
    expect(subItems.find((r) => r['学校'] === name['07'] && r['编号'] === '1.2')).toMatchObject({ 得分: 0, 得分依据: '佐证 1 件待审核（审核通过后计分）' });
    expect(subItems.find((r) => r['学校'] === name['02'] && r['编号'] === '2.1')).toMatchObject({ 得分: 0, 计分方式: '数据', 得分依据: '期末仍有 2 件辍学案件未结' });

    const lost = sheet(workbook, '扣分明细');
    expect(lost).toHaveLength(plain.lost);
    expect(lost.some((r) => r['学校'] === name['05'])).toBe(false);
    // Every school's lost points add up to what its total is short of 100.
    for (const r of totals) {
      const short = lost.filter((l) => l['学校'] === r['学校']).reduce((sum, l) => sum + Number(l['失分']) * 10, 0);
      expect(Math.round(short)).toBe(1000 - Math.round(Number(r['总分']) * 10));
    }
    // The inspectors' reasons and remedies as they typed them (no markdown escaping in a cell).
    expect(lost.find((r) => r['学校'] === name['03'] && r['编号'] === '2.3')).toMatchObject({ 失分: 1, 失分原因: '督查 2 次；2026-11 扣 2 分（劝返记录不全）', 整改要求: '2026-11 补齐劝返记录' });
    expect(lost.find((r) => r['学校'] === name['08'] && r['编号'] === '2.3')!['失分原因']).toBe('督查 1 次；2026-12 扣 1 分（包联记录*缺页*）');
    expect(lost.find((r) => r['学校'] === name['07'] && r['编号'] === '2.2')!['失分原因']).toBe('佐证 1 件被退回');

    // The CLI is the same verb: the same sheets, cell for cell.
    const out = join(tmp, '2026.xlsx');
    const said: string[] = [];
    const ctx = { config: ducha.deps.config, log: silentLogger, database: async () => ducha.database, out: (s: string) => said.push(s), err: (s: string) => said.push(s) };
    expect(await assessmentCli.run(['2026', '--out', out], ctx)).toBe(0);
    expect(said.join('\n')).toContain(`总分 16 行，子项得分 ${subItems.length} 行，扣分明细 ${lost.length} 行`);
    const fromCli = await openWorkbook(new Uint8Array(await readFile(out)));
    for (const name of ['总分', '子项得分', '扣分明细']) expect(sheet(fromCli, name)).toEqual(sheet(workbook, name));
    expect(await assessmentCli.run(['2026'], ctx)).toBe(2);
  });

  it('通报 2026Q4 导出 in the bureau chat: the chat is told it went 1:1; the file has the bulletin’s figures in full', async () => {
    const before = filesTo(OFFICER).length;
    const said = await ask('通报 2026Q4 导出', OFFICER, BUREAU);
    expect(said.replies).toHaveLength(1);
    expect(said.reply).toMatchObject({ chat_id: BUREAU, text: '「督查通报-2026年第四季度.xlsx」已私聊发给您，请在与我的私聊中查收。' });
    const files = filesTo(OFFICER).slice(before);
    expect(files.map((f) => f.file_name)).toEqual(['督查通报-2026年第四季度.xlsx']);
    const workbook = await openWorkbook(await downloadSentFile(ducha.url, files[0]!));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['各校得分', '落后约谈', '辍学动态']);

    const scores = sheet(workbook, '各校得分');
    // The bulletin's order: the roster's. Everything happened in Q4, so each total is the year's.
    expect(scores.map((r) => r['学校'])).toEqual(Object.keys(name).sort().map((n) => name[n]));
    expect(scores.find((r) => r['学校'] === name['03'])).toMatchObject({ 镇街: '横渠镇', 总分: 58.5 });
    // Below 85: everyone but 05, each with every sub-item it lost (the card names three).
    const lagging = sheet(workbook, '落后约谈');
    expect(new Set(lagging.map((r) => r['学校'])).size).toBe(15);
    expect(lagging).toHaveLength((await plainLostCount(ducha.db)).lost);
    expect(lagging[0]).toMatchObject({ 学校: name['02'], 总分: 55, 编号: '2.1', 失分: 6, 失分原因: '期末仍有 2 件辍学案件未结' });
    expect(lagging.filter((r) => r['学校'] === name['07'])).toHaveLength(EVIDENCE_CODES.length - 1);

    const movement = sheet(workbook, '辍学动态');
    expect(movement.map((r) => r['项目'])).toEqual(['期初在办', '新增（含重新立案）', '复学', '转学', '豁免', '期末在办']);
    const plain = await plainMovement(ducha.db);
    expect(plain).toEqual([1, 2, 1, 0, 0, 2]);
    expect(movement.map((r) => r['件数'])).toEqual(plain);

    // 1:1 it says what the file holds.
    expect((await ask('通报导出 2026Q4')).reply!.text).toContain('落后约谈 15 所的全部失分项和原因');
  });

  it('refuses teachers and principals; a group ask is answered 1:1 with no file; nothing reaches a school chat', async () => {
    const files = ducha.botMessages().filter((m) => m.msg_type === 'file').length;
    expect((await ask('考核 2026', 'ou_demo_t0301')).reply!.text).toBe('年度督查考核由教体局汇总，教师无需操作。');
    expect((await ask('考核', 'ou_demo_p03')).reply!.text).toContain('年度督查考核由教体局汇总');
    expect((await ask('通报 2026Q4 导出', 'ou_demo_t0301')).reply!.text).toBe('督查通报由教体局发布，教师无需操作。');
    // A principal's written report that starts with 考核 is not the command.
    expect((await ask('考核工作总结：本学期完成全部督查整改', 'ou_demo_p03')).reply!.text).not.toContain('年度督查考核');

    const inBureau = await ask('考核 2026', OFFICER, BUREAU);
    expect(inBureau.replies).toHaveLength(0);
    expect(ducha.botMessages().at(-1)).toMatchObject({ chat_id: p2pChatIdFor(OFFICER), text: '考核结果请私聊我发送「考核」或「考核 2026」，文件只发到私聊。' });
    const inSchool = await ask('通报 2026Q4 导出', OFFICER, 'oc_demo_school_03');
    expect(inSchool.replies).toHaveLength(0);
    expect(ducha.botMessages().at(-1)).toMatchObject({ chat_id: p2pChatIdFor(OFFICER), text: '通报只在教体局群或私聊中查看，请私聊我发送「通报」。' });
    expect((await ask('考核', 'ou_demo_a1', BUREAU)).replies).toHaveLength(0);
    expect(ducha.botMessages().filter((m) => m.msg_type === 'file')).toHaveLength(files);

    expect((await ask('考核 明年')).reply!.text).toBe('请写年份，例如「考核」「考核 2026」「考核 去年」。');
    expect((await ask('考核 2027')).reply!.text).toBe('2027年还没开始，没有可考核的结果。');
    // No school chat got anything at all, and every file went to a 1:1 chat.
    expect(ducha.botMessages().filter((m) => m.chat_id.startsWith('oc_demo_school_'))).toEqual([]);
    expect(ducha.botMessages().filter((m) => m.msg_type === 'file' && !isP2pChatId(m.chat_id))).toEqual([]);
  });

  it('考核 alone: this year to date in December, the year just ended in January, as 排名 reads it (and how to ask for the new one)', async () => {
    expect((await ask('考核')).reply!.text).toContain('督查考核-2026年.xlsx');
    ducha.setTime('2027-01-10T10:00:00+08:00');
    const { reply } = await ask('考核', 'ou_demo_a1');
    expect(reply!.text).toContain('已生成「督查考核-2026年.xlsx」');
    expect(reply!.text).toContain('一至三月默认考核上一年（与「排名」相同）；今年至今的结果请发「考核 2027」。');
    expect(reply!.text).not.toContain('尚未结束');
    expect(filesTo('ou_demo_a1').map((f) => f.file_name)).toEqual(['督查考核-2026年.xlsx']);
  });
});
