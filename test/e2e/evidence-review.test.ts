import { mkdtemp, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, evidence, outbox, outboxAttachments, people } from '../../src/db/schema/index.js';
import { scoreSchools } from '../../src/domain/scoring/score-schools.js';
import { isP2pChatId, p2pChatIdFor, type SandboxMessage } from '../../src/lark/sandbox/sandbox-state.js';
import { callbackValues, findNodes } from '../helpers/card-tree.js';
import { evidenceOf, fakeFile, sendFile } from '../helpers/evidence-upload.js';
import { downloadSentFile } from '../helpers/sent-workbook.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';
import { until } from '../helpers/until.js';

const OFFICER = 'ou_demo_b1';
const OTHER_OFFICER = 'ou_demo_b2';
const ADMIN = 'ou_demo_a1';
const PRINCIPAL = 'ou_demo_p01';
const TEACHER = 'ou_demo_t0101';
const SCHOOL = '首善街道中心小学(示例)';

/** The button values on a review card for one upload (通过, 退回), or its reason form's submit. */
const valuesFor = (card: SandboxMessage, evidenceId: number) => callbackValues(card).filter((v) => v.evidence_id === evidenceId || v.rejecting === evidenceId);
const acceptOf = (card: SandboxMessage, id: number) => valuesFor(card, id).find((v) => v.decision === 'accepted')!;
const rejectOf = (card: SandboxMessage, id: number) => valuesFor(card, id).find((v) => v.action === 'review_page')!;
const confirmRejectOf = (card: SandboxMessage, id: number) => valuesFor(card, id).find((v) => v.decision === 'rejected');

describe('审核: the bureau accepts or returns the evidence schools filed', () => {
  let ducha: TestDucha;
  let folder: string;
  /** Evidence ids by sub-item code, as filed in beforeAll. */
  const filed: Record<string, number> = {};
  /** The bytes each was uploaded with, by sub-item code. */
  const uploaded: Record<string, Uint8Array> = {};
  const subScore = async (code: string) => {
    const [school] = (await scoreSchools(ducha.db, { label: '2026-12', timezone: 'Asia/Shanghai' })).schools.filter((s) => s.school === SCHOOL);
    return school!.items.flatMap((i) => i.subItems).find((s) => s.code === code)!.score;
  };
  const openReview = async (who = OFFICER, words = '审核') => {
    const { reply } = await ducha.say(who, words);
    expect(reply!.msg_type).toBe('interactive');
    expect(reply!.chat_id).toBe(p2pChatIdFor(who));
    return reply!;
  };
  const current = (card: SandboxMessage) => ducha.sandbox.find(card.message_id)!;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'ducha-review-'));
    ducha = await startTestDucha({ now: '2026-12-03T10:00:00+08:00', roster: 'demo', env: { DUCHA_EVIDENCE_DIR: folder } });
    // The shipped example framework is in force: 1.1, 2.2 and 8.1 are scored by evidence.
    const file = async (openId: string, code: string, o: { kind: 'image' | 'file'; fileName?: string }) => {
      uploaded[code] = fakeFile(o.kind === 'image' ? 'jpeg' : 'pdf', 4096 + code.length);
      const sent = await sendFile(ducha, { openId, kind: o.kind, bytes: uploaded[code]!, ...(o.fileName ? { fileName: o.fileName } : {}) });
      expect((await ducha.say(openId, `佐证 ${code}`)).reply!.text).toContain(`归到子项 ${code}`);
      filed[code] = (await evidenceOf(ducha, sent.message_id))[0]!.id;
      ducha.setTime(new Date(ducha.clock.now().getTime() + 10 * 60_000).toISOString());
    };
    await file(TEACHER, '1.1', { kind: 'image' });
    await file(PRINCIPAL, '2.2', { kind: 'file', fileName: '摸排台账.pdf' });
    await file(TEACHER, '8.1', { kind: 'file', fileName: '家访记录.pdf' });
    // One more, never filed under a sub-item: nothing to judge, so not listed.
    await sendFile(ducha, { openId: TEACHER, kind: 'image', bytes: fakeFile('png') });
  });
  afterAll(async () => {
    await ducha?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('teachers and principals are refused politely; in a group the officer is asked 1:1 and the group gets nothing', async () => {
    expect((await ducha.say(TEACHER, '审核')).reply!.text).toContain('档案资料由教体局审核');
    expect((await ducha.say(PRINCIPAL, '審核')).reply!.text).toContain('发「档案」查看本校资料和审核情况');
    const inGroup = await ducha.say(OFFICER, '审核 首善街道中心小学', 'oc_demo_bureau');
    const answer = ducha.botMessages().filter((m) => m.text.includes('请私聊我发送「审核」'));
    expect(answer).toHaveLength(1);
    expect(answer[0]!.chat_id).toBe(p2pChatIdFor(OFFICER));
    expect(inGroup.replies.filter((m: SandboxMessage) => m.chat_id === 'oc_demo_bureau')).toEqual([]);
    // A principal in the school chat is refused there, without a word of any evidence.
    const schoolChat = await ducha.say(PRINCIPAL, '审核', 'oc_demo_school_01');
    expect(schoolChat.reply!.text).not.toContain('.pdf');
  });

  it('审核 lists filed evidence waiting, oldest first: school, sub-item, file name, uploader, date', async () => {
    const card = await openReview(OFFICER, '審核 首善街道中心小学');
    expect(card.text).toContain(`档案资料审核 · ${SCHOOL}`);
    expect(card.text).toContain('待审核 3 份');
    const at = (s: string) => card.text.indexOf(s);
    expect(at('1.1 创建工作专班')).toBeGreaterThan(-1);
    expect(at('1.1 创建工作专班')).toBeLessThan(at('2.2 控辍保学大摸排'));
    expect(at('2.2 控辍保学大摸排')).toBeLessThan(at('8.1 家访与家校沟通'));
    expect(card.text).toContain('「摸排台账.pdf」');
    expect(card.text).toContain(`2026-12-03　编号 ${filed['2.2']}`);
    const [principal] = await ducha.db.select().from(people).where(eq(people.openId, PRINCIPAL));
    expect(card.text).toContain(`${principal!.name} 提交于`);
    // 通过 and 退回 for each; no form until 退回 is clicked.
    const kindOf = (v: Record<string, unknown>) => v.decision ?? (v.action === 'view_evidence' ? 'view' : 'open-reject');
    for (const id of Object.values(filed)) expect(valuesFor(card, id).map(kindOf)).toEqual(['accepted', 'open-reject', 'view']);
    expect(findNodes(card.content, (n) => n.tag === 'form')).toEqual([]);
    // Another school has nothing waiting; the county has the same three.
    expect((await openReview(ADMIN, '审核 首善初级中学')).text).toContain('没有待审核的资料');
    expect((await openReview(ADMIN)).text).toContain('档案资料审核 · 全县');
  });

  it('查看 sends the file 1:1 to the clicker, audited; others are refused, and a lost file is said, nothing queued', async () => {
    const card = await openReview();
    const view = (id: number) => ({ action: 'view_evidence', evidence_id: id });
    const filesTo = (openId: string) => ducha.botMessages().filter((m) => m.msg_type === 'file' && m.chat_id === p2pChatIdFor(openId));
    const clicked = await ducha.click(OFFICER, card.message_id, { value: valuesFor(card, filed['2.2']!).find((v) => v.action === 'view_evidence')! });
    expect(clicked.delivered.body.toast).toMatchObject({ type: 'success', content: '已私聊发送' });
    const [file] = filesTo(OFFICER);
    expect(file!.file_name).toBe('摸排台账.pdf');
    expect(Buffer.from(await downloadSentFile(ducha.url, file!))).toEqual(Buffer.from(uploaded['2.2']!));
    // Its copy in the outbox is emptied once sent (just after the sent mark).
    expect(await until(async () => (await ducha.db.select().from(outboxAttachments)).every((a) => a.bytes === null), 5_000)).toBe(true);
    const [officer] = await ducha.db.select().from(people).where(eq(people.openId, OFFICER));
    const audited = await ducha.db.select().from(auditLog).where(eq(auditLog.action, 'evidence_view'));
    expect(audited).toEqual([expect.objectContaining({ personId: officer!.id, role: 'bureau', channel: 'card', studentId: null })]);
    expect(audited[0]!.detail).toContain(`#${filed['2.2']} ${SCHOOL} 2026-12 2.2「摸排台账.pdf」`);

    // The school's own principal may, from the 查看 on their 档案; a teacher and another school's principal may not.
    const mine = (await ducha.say(PRINCIPAL, '档案')).reply!;
    const onArchive = callbackValues(mine).find((v) => v.action === 'view_evidence' && v.evidence_id === filed['8.1'])!;
    expect((await ducha.click(PRINCIPAL, mine.message_id, { value: onArchive })).delivered.body.toast).toMatchObject({ type: 'success' });
    expect(filesTo(PRINCIPAL).map((m) => m.file_name)).toEqual(['家访记录.pdf']);
    for (const who of [TEACHER, 'ou_demo_p02']) {
      // Forged: the click names a message the bot did send them, so only the role and school can refuse it.
      const theirs = (await ducha.say(who, '档案')).reply!;
      const forged = await ducha.click(who, card.message_id, { value: view(filed['2.2']!), forge_message_id: theirs.message_id });
      expect(forged.delivered.body.toast).toMatchObject({ type: 'error', content: expect.stringContaining('只发给教体局工作人员、管理员和本校校长') });
      expect(filesTo(who)).toEqual([]);
    }

    // The store lost the bytes: the toast says so and nothing is queued.
    const [lost] = await ducha.db.select().from(evidence).where(eq(evidence.id, filed['1.1']!));
    await unlink(path.join(folder, ...lost!.storageKey.split('/')));
    const queued = (await ducha.db.select().from(outbox).where(eq(outbox.kind, 'evidence-view'))).length;
    const gone = await ducha.click(OFFICER, card.message_id, { value: view(filed['1.1']!) });
    expect(gone.delivered.body.toast).toMatchObject({ type: 'error', content: expect.stringContaining('已不在存储中') });
    expect(await ducha.db.select().from(outbox).where(eq(outbox.kind, 'evidence-view'))).toHaveLength(queued);
    expect(await ducha.db.select().from(auditLog).where(eq(auditLog.action, 'evidence_view'))).toHaveLength(2);
  });

  it('通过 accepts: the card is redrawn in place without it, the sub-item scores full, and it is audited', async () => {
    expect(await subScore('1.1')).toBe(0);
    const card = await openReview();
    const clicked = await ducha.click(OFFICER, card.message_id, { value: acceptOf(card, filed['1.1']!) });
    expect(clicked.delivered.body.toast).toMatchObject({ type: 'success', content: '已通过' });
    expect(current(card).text).toContain(`已通过：${SCHOOL} 1.1`);
    expect(current(card).text).toContain('待审核 2 份');
    expect(valuesFor(current(card), filed['1.1']!)).toEqual([]);
    const [row] = await ducha.db.select().from(evidence).where(eq(evidence.id, filed['1.1']!));
    const [officer] = await ducha.db.select().from(people).where(eq(people.openId, OFFICER));
    expect(row).toMatchObject({ review: 'accepted', reviewedById: officer!.id, reviewNote: null });
    expect(await subScore('1.1')).toBe(3);
    const audited = await ducha.db.select().from(auditLog).where(eq(auditLog.action, 'evidence_review'));
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ personId: officer!.id, role: 'bureau', channel: 'card', studentId: null });
    expect(audited[0]!.detail).toContain(`${SCHOOL} 2026-12 1.1`);
    expect(audited[0]!.detail).toContain('通过');
    // Accepting sends nobody anything.
    expect(clicked.sent.filter((m: SandboxMessage) => m.msg_type === 'text')).toEqual([]);
  });

  it('退回 opens a reason form in place; an empty reason is refused and nothing changes', async () => {
    const card = await openReview();
    await ducha.click(OFFICER, card.message_id, { value: rejectOf(card, filed['2.2']!) });
    const form = findNodes(current(card).content, (n) => n.tag === 'form');
    expect(form).toHaveLength(1);
    expect(findNodes(form[0], (n) => n.tag === 'input' && n.name === 'note')[0]).toMatchObject({ required: true });
    const empty = await ducha.click(OFFICER, card.message_id, { value: confirmRejectOf(current(card), filed['2.2']!), form_value: { note: '  ' } });
    expect(empty.delivered.body.toast).toMatchObject({ type: 'error', content: expect.stringContaining('退回须写明理由') });
    expect((await ducha.db.select().from(evidence).where(eq(evidence.id, filed['2.2']!)))[0]!.review).toBe('pending');
    expect(await ducha.db.select().from(auditLog).where(eq(auditLog.action, 'evidence_review'))).toHaveLength(1);
  });

  it('退回 with a reason: the uploader is told 1:1 which sub-item, which file, why and how to re-file; 档案 shows it', async () => {
    const card = await openReview();
    await ducha.click(OFFICER, card.message_id, { value: rejectOf(card, filed['2.2']!) });
    const clicked = await ducha.click(OFFICER, card.message_id, { value: confirmRejectOf(current(card), filed['2.2']!), form_value: { note: '台账缺少11月劝返记录，请补齐' } });
    expect(clicked.delivered.body.toast).toMatchObject({ type: 'success', content: '已退回，已通知提交人' });
    expect(current(card).text).toContain('已退回');
    expect(findNodes(current(card).content, (n) => n.tag === 'form')).toEqual([]);
    const [row] = await ducha.db.select().from(evidence).where(eq(evidence.id, filed['2.2']!));
    expect(row).toMatchObject({ review: 'rejected', reviewNote: '台账缺少11月劝返记录，请补齐' });
    const notices = ducha.botMessages().filter((m) => m.chat_id === p2pChatIdFor(PRINCIPAL) && m.msg_type === 'text' && m.text.includes('已被教体局退回'));
    expect(notices).toHaveLength(1);
    for (const part of ['「摸排台账.pdf」', '2.2 控辍保学大摸排', '退回理由：台账缺少11月劝返记录，请补齐', '「佐证 2.2」']) expect(notices[0]!.text).toContain(part);
    expect(await subScore('2.2')).toBe(0);
    const audited = await ducha.db.select().from(auditLog).where(eq(auditLog.action, 'evidence_review'));
    expect(audited.map((a) => a.detail).at(-1)).toContain('退回，理由：台账缺少11月劝返记录，请补齐');

    const archive: string = (await ducha.say(PRINCIPAL, '档案')).reply!.text;
    const line = (code: string) => archive.split('\n').find((l) => l.replace(/^\*\*/, '').startsWith(`${code} `))!;
    expect(line('2.2')).toContain('已退回：台账缺少11月劝返记录，请补齐');
    expect(line('1.1')).toContain('已通过');
    expect(line('8.1')).toContain('待审核');
  });

  it('two reviewers racing on one upload: one decides, the other is told who did, and one audit row is written', async () => {
    const mine = await openReview(OFFICER);
    const theirs = await openReview(OTHER_OFFICER);
    const id = filed['8.1']!;
    const [a, b] = await Promise.all([
      ducha.click(OFFICER, mine.message_id, { value: acceptOf(mine, id) }),
      ducha.click(OTHER_OFFICER, theirs.message_id, { value: acceptOf(theirs, id) }),
    ]);
    const toasts = [a, b].map((c) => c.delivered.body.toast);
    expect(toasts.filter((t) => t.type === 'success')).toHaveLength(1);
    const loser = toasts.find((t) => t.type === 'error');
    expect(loser.content).toMatch(/已由.+于 2026-12-03 \d\d:\d\d 审核（已通过）/);
    const [row] = await ducha.db.select().from(evidence).where(eq(evidence.id, id));
    const winner = toasts[0].type === 'success' ? OFFICER : OTHER_OFFICER;
    const [person] = await ducha.db.select().from(people).where(eq(people.openId, winner));
    expect(row!.reviewedById).toBe(person!.id);
    expect(loser.content).toContain(person!.name);
    const audited = (await ducha.db.select().from(auditLog).where(eq(auditLog.action, 'evidence_review'))).filter((r) => r.detail?.includes(`#${id} `));
    expect(audited).toHaveLength(1);
    // Both cards now show the list without it; a later click on the old card is refused the same way.
    for (const card of [mine, theirs]) expect(valuesFor(current(card), id)).toEqual([]);
    const late = await ducha.click(OFFICER, mine.message_id, { value: { action: 'review_evidence', evidence_id: id, decision: 'rejected', page: 1 }, form_value: { note: '迟到的退回' } });
    expect(late.delivered.body.toast.content).toContain('已由');
    expect((await ducha.db.select().from(evidence).where(eq(evidence.id, id)))[0]!.review).toBe('accepted');
  });

  it('a return in the evening reaches the uploader at the next sending window, not at night', async () => {
    ducha.setTime('2026-12-03T19:30:00+08:00');
    const sent = await sendFile(ducha, { openId: TEACHER, kind: 'file', bytes: fakeFile('pdf'), fileName: '雨露计划摸底.pdf' });
    await ducha.say(TEACHER, '佐证 5.1');
    const [row] = await evidenceOf(ducha, sent.message_id);
    ducha.setTime('2026-12-03T20:00:00+08:00');
    const card = await openReview();
    await ducha.click(OFFICER, card.message_id, { value: rejectOf(card, row!.id) });
    const clicked = await ducha.click(OFFICER, card.message_id, { value: confirmRejectOf(current(card), row!.id), form_value: { note: '缺少摸底名单' } });
    expect(clicked.delivered.body.toast).toMatchObject({ type: 'success' });
    const notice = () => ducha.botMessages().filter((m) => m.chat_id === p2pChatIdFor(TEACHER) && m.text.includes('雨露计划摸底.pdf') && m.text.includes('已被教体局退回'));
    expect(notice()).toEqual([]);
    const [queued] = await ducha.db.select().from(outbox).where(eq(outbox.kind, 'evidence-rejected')).orderBy(desc(outbox.id)).limit(1);
    expect(queued!.notBefore.toISOString()).toBe(new Date('2026-12-04T08:00:00+08:00').toISOString());
    await ducha.tick('2026-12-04T08:00:00+08:00');
    expect(notice()).toHaveLength(1);
  });

  it('a teacher’s forged click on a review card is refused; no group chat ever got an evidence message', async () => {
    const card = await openReview();
    const forged = await ducha.click(TEACHER, card.message_id, { value: { action: 'review_evidence', evidence_id: filed['1.1']!, decision: 'rejected', page: 1 }, form_value: { note: 'x' } });
    expect(forged.delivered.body.toast).toMatchObject({ type: 'error' });
    const groupMessages = ducha.botMessages().filter((m) => !isP2pChatId(m.chat_id));
    for (const m of groupMessages) expect(m.text).not.toMatch(/\.pdf|\.jpg|照片-|审核 ·|已被教体局退回/);
  });
});
