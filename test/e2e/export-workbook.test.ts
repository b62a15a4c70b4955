import ExcelJS from 'exceljs';
import { and, count, eq, gte, isNull, lt } from 'drizzle-orm';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findActivePersonByOpenId } from '../../src/db/queries/people.js';
import { aidFollowups, auditLog, dropoutCases, homeVisits, outboxAttachments, people, responses, rounds, schools, students, towns } from '../../src/db/schema/index.js';
import { exportWorkbook } from '../../src/domain/export/export-workbook.js';
import { p2pChatIdFor, type SandboxMessage } from '../../src/lark/sandbox/sandbox-state.js';
import { seedFixtureStudents } from '../fixtures/students.js';
import { recordMonthlyCheckIn } from '../helpers/monthly-check-in.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';

const OFFICER = 'ou_demo_b1';
const BUREAU_CHAT = 'oc_demo_bureau';
const NOW = '2026-12-10T10:00:00+08:00';
const SHEETS = ['汇总', '填报明细', '家访记录', '学生名册', '控辍保学', '资助核查', '校长报告'];

/** A sheet's rows under its header, as objects keyed by the header's words. */
function rowsOf(sheet: ExcelJS.Worksheet): Record<string, ExcelJS.CellValue>[] {
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
  const rows: Record<string, ExcelJS.CellValue>[] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) rows.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).value])));
  });
  return rows;
}

async function open(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook;
}

describe('导出: the bureau’s Excel workbook, sent 1:1 as a file', () => {
  let ducha: TestDucha;
  let roundId: number;
  let town1: string;

  const fileMessagesTo = (openId: string) => ducha.botMessages().filter((m) => m.msg_type === 'file' && m.chat_id === p2pChatIdFor(openId));
  const download = async (message: SandboxMessage) =>
    new Uint8Array(await (await fetch(`${ducha.url}/sandbox/files/${(message.content as { file_key: string }).file_key}`)).arrayBuffer());
  const studentNamed = async (name: string) => (await ducha.db.select().from(students).where(eq(students.name, name)))[0]!;
  const personId = async (openId: string) => (await ducha.db.select({ id: people.id }).from(people).where(eq(people.openId, openId)))[0]!.id;
  const decemberVisits = () =>
    ducha.db.select({ n: count() }).from(homeVisits).where(and(gte(homeVisits.visitedOn, '2026-12-01'), lt(homeVisits.visitedOn, '2027-01-01')));

  beforeAll(async () => {
    ducha = await startTestDucha({ now: '2026-12-01T09:00:00+08:00', roster: 'demo' });
    await ducha.tick();
    ducha.setTime(NOW);
    const now = new Date(NOW);
    await seedFixtureStudents(ducha.db, now);
    for (const [openId, note] of [['ou_demo_t0101', '=HYPERLINK("http://x")'], ['ou_demo_t0102', '蒋小鹿家中情况稳定'], ['ou_demo_t0201', null]] as const) {
      const person = (await findActivePersonByOpenId(ducha.db, openId))!;
      await recordMonthlyCheckIn(ducha.db, now, { person, source: 'text', values: { homeVisits: 3, phoneFollowups: 1, newAlerts: 0, note } });
    }
    const teacher = await personId('ou_demo_t0101');
    const visit = async (name: string, visitedOn: string, extra: Partial<typeof homeVisits.$inferInsert> = {}) =>
      (
        await ducha.db
          .insert(homeVisits)
          .values({ studentId: (await studentNamed(name)).id, teacherId: teacher, visitedOn, mode: 'home', findings: '家中情况稳定', recordedAt: now, ...extra })
          .returning({ id: homeVisits.id })
      )[0]!.id;
    await visit('蒋小鹿', '2026-12-03');
    await visit('江月白', '2026-12-04', { mode: 'phone' });
    await visit('柳星', '2026-11-20');
    const aidVisit = await visit('欧阳雨辰', '2026-12-05', { aidStatus: 'partial', eligibility: 'eligible' });
    await ducha.db.insert(aidFollowups).values({ studentId: (await studentNamed('欧阳雨辰')).id, visitId: aidVisit, openedAt: now });
    await ducha.db.insert(dropoutCases).values({
      studentId: (await studentNamed('蒋小鹿')).id,
      state: 'persuading',
      responsibleId: teacher,
      reason: '外出务工随父母',
      openedAt: new Date('2026-12-02T10:00:00+08:00'),
      updatedAt: now,
    });
    const [round] = await ducha.db.select({ id: rounds.id }).from(rounds).where(eq(rounds.period, '2026-12')).orderBy(rounds.id).limit(1);
    roundId = round!.id;
    const [school] = await ducha.db.select({ town: towns.name }).from(schools).innerJoin(towns, eq(towns.id, schools.townId)).where(eq(schools.chatId, 'oc_demo_school_01'));
    town1 = school!.town;
  });
  afterAll(() => ducha?.close());

  it('answers 导出 1:1 with a note, then the workbook as a file: seven sheets, frozen headers, cells as the database holds them', async () => {
    const { reply } = await ducha.say(OFFICER, '导出 2026-12');
    expect(reply!.text).toContain('已生成');
    const files = fileMessagesTo(OFFICER);
    expect(files).toHaveLength(1);
    expect(files[0]!.file_name).toMatch(/^督查导出-常态化动态预警监测-2026-12-全县\.xlsx$/);
    const workbook = await open(await download(files[0]!));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(SHEETS);
    for (const sheet of workbook.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      // Widths that fit: at least the header's (a 汉字 counts two), at most 60.
      const header = sheet.getRow(1).values as ExcelJS.CellValue[];
      for (let i = 1; i < header.length; i++) {
        const shown = [...String(header[i])].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e7f ? 2 : 1), 0);
        expect({ column: `${sheet.name} ${String(header[i])}`, fits: sheet.getColumn(i).width! >= shown }).toEqual({ column: `${sheet.name} ${String(header[i])}`, fits: true });
      }
    }

    const [answered] = await ducha.db.select({ n: count() }).from(responses).where(eq(responses.roundId, roundId));
    const summary = rowsOf(workbook.getWorksheet('汇总')!);
    expect(summary.reduce((n, r) => n + (r['已填人数'] as number), 0)).toBe(answered!.n);
    expect(summary.every((r) => typeof r['应填人数'] === 'number')).toBe(true);
    const checkins = rowsOf(workbook.getWorksheet('填报明细')!);
    expect(checkins).toHaveLength(answered!.n);
    expect(checkins[0]!['走访户数']).toBe(3);
    expect(checkins[0]!['提交时间']).toBeInstanceOf(Date);
    // 10:00 in Shanghai is what the bureau reads in the cell.
    expect((checkins[0]!['提交时间'] as Date).toISOString()).toBe('2026-12-10T10:00:00.000Z');
    expect(checkins.map((r) => r['备注'])).toContain('\'=HYPERLINK("http://x")');

    const visits = rowsOf(workbook.getWorksheet('家访记录')!);
    expect(visits).toHaveLength((await decemberVisits())[0]!.n);
    expect(visits[0]!['家访日期']).toEqual(new Date('2026-12-03T00:00:00Z'));
    expect(visits.map((v) => v['学生'])).toEqual(['蒋小鹿', '江月白', '欧阳雨辰']);
    expect(visits[1]!['方式']).toBe('电话');

    const [listed] = await ducha.db.select({ n: count() }).from(students).where(isNull(students.leftAt));
    const register = rowsOf(workbook.getWorksheet('学生名册')!);
    expect(register).toHaveLength(listed!.n);
    const jiang = register.find((r) => r['学生'] === '蒋小鹿')!;
    expect(jiang).toMatchObject({ 校内编号: '2026001', 类别: '留守儿童', 本期家访次数: 1 });
    expect(register.find((r) => r['学生'] === '柳星')!['本期家访次数']).toBe(0);

    const dropouts = rowsOf(workbook.getWorksheet('控辍保学')!);
    expect(dropouts).toHaveLength(1);
    expect(dropouts[0]).toMatchObject({ 学生: '蒋小鹿', 状态: '劝返中', 劝返次数: 0 });
    expect(dropouts[0]!['立案时间']).toEqual(new Date('2026-12-02T10:00:00Z'));
    const aid = rowsOf(workbook.getWorksheet('资助核查')!);
    expect(aid).toEqual([expect.objectContaining({ 学生: '欧阳雨辰', 资助到位: '部分到位', 资格: '符合', 跟进: '待核实' })]);
    expect(rowsOf(workbook.getWorksheet('校长报告')!)).toEqual([]);

    // One audit row for the export, naming its scope; the file's bytes are gone from the database once sent.
    const audits = await ducha.db.select().from(auditLog).where(and(eq(auditLog.action, 'export_students'), eq(auditLog.personId, await personId(OFFICER))));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ channel: 'chat', studentId: null });
    expect(audits[0]!.detail).toContain('全县');
    expect(audits[0]!.detail).toContain('全名');
    const attachments = await ducha.db.select().from(outboxAttachments);
    expect(attachments.every((a) => a.bytes === null && a.byteLength > 0)).toBe(true);
  });

  it('takes the summary’s words: one town only, and a place it does not know gets the summary’s answer', async () => {
    const before = fileMessagesTo(OFFICER).length;
    const { reply } = await ducha.say(OFFICER, `导出 12月 ${town1}`);
    expect(reply!.text).toContain(town1);
    const file = fileMessagesTo(OFFICER).at(-1)!;
    expect(fileMessagesTo(OFFICER)).toHaveLength(before + 1);
    const workbook = await open(await download(file));
    const summary = rowsOf(workbook.getWorksheet('汇总')!);
    expect(new Set(summary.map((r) => r['镇街']))).toEqual(new Set([town1]));
    const [inTown] = await ducha.db
      .select({ n: count() })
      .from(students)
      .innerJoin(schools, eq(schools.id, students.schoolId))
      .innerJoin(towns, eq(towns.id, schools.townId))
      .where(eq(towns.name, town1));
    expect(rowsOf(workbook.getWorksheet('学生名册')!)).toHaveLength(inTown!.n);

    const unknown = await ducha.say(OFFICER, '导出 火星镇');
    expect(unknown.reply!.text).toContain('没有找到「火星镇」');
    expect(fileMessagesTo(OFFICER)).toHaveLength(before + 1);
  });

  it('refuses teachers and principals politely, and in a group asks for a 1:1 chat, sending no file', async () => {
    const files = ducha.botMessages().filter((m) => m.msg_type === 'file').length;
    for (const openId of ['ou_demo_t0101', 'ou_demo_p01']) {
      const { reply } = await ducha.say(openId, '导出');
      expect(reply!.text).toContain('「导出」只对教体局工作人员、管理员开放');
    }
    const inGroup = await ducha.say(OFFICER, '导出', BUREAU_CHAT);
    expect(inGroup.reply!.text).toContain('请私聊');
    expect(ducha.botMessages().filter((m) => m.msg_type === 'file')).toHaveLength(files);
  });

  it('names a child in full only where the role matrix shows that child’s detail: a teacher’s workbook masks them', async () => {
    const teacher = (await findActivePersonByOpenId(ducha.db, 'ou_demo_t0103'))!;
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const exported = await exportWorkbook(ducha.db, { now: new Date(NOW), timezone: 'Asia/Shanghai', asker: { person: teacher, origin: { channel: 'chat', chatId: null } } }, out);
    expect(exported.full).toBe(false);
    const workbook = await open(Buffer.concat(chunks));
    const register = rowsOf(workbook.getWorksheet('学生名册')!);
    expect(register.map((r) => r['学生'])).toContain('蒋*鹿');
    expect(register.map((r) => r['学生'])).toContain('柳*');
    expect(register.every((r) => r['校内编号'] === null)).toBe(true);
    expect(rowsOf(workbook.getWorksheet('家访记录')!).every((r) => r['发现情况'] === null)).toBe(true);
    expect(rowsOf(workbook.getWorksheet('填报明细')!).every((r) => r['备注'] === null)).toBe(true);
  });
});
