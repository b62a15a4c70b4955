import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, frameworkSubItems, inspectionScores, people, rectifications, schools } from '../../src/db/schema/index.js';
import { p2pChatIdFor } from '../../src/lark/sandbox/sandbox-state.js';
import { allEvidence, evidenceOf, fakeFile, sendFile, sha256 } from '../helpers/evidence-upload.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';

const OFFICER = 'ou_demo_b1';
const PRINCIPAL = 'ou_demo_p03';
const CAPTION = '督查 横渠镇中心小学 6.1';

describe('an inspector’s photo, sent 1:1 with 「督查 学校 子项」, goes with that score and into the school’s archive', () => {
  let ducha: TestDucha;
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'ducha-photo-'));
    ducha = await startTestDucha({ now: '2026-12-15T10:00:00+08:00', roster: 'demo', env: { DUCHA_EVIDENCE_DIR: folder } });
  });
  afterAll(async () => {
    await ducha?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('before the sub-item is scored this month: told to score it first, nothing downloaded or stored', async () => {
    const requests = ducha.sandbox.resourceRequests;
    const sent = await sendFile(ducha, { openId: OFFICER, kind: 'image', bytes: fakeFile('jpeg'), caption: CAPTION });
    expect(sent.reply!.text).toBe('横渠镇中心小学(示例) 本月还没有「6.1 薄弱环节改善与能力提升」的督查评分，请先记录评分（如「督查 横渠镇中心小学(示例) 6.1 -2 原因」），再发照片。');
    const unknown = await sendFile(ducha, { openId: OFFICER, kind: 'image', bytes: fakeFile('jpeg'), caption: '督查 横渠镇 6.1' });
    expect(unknown.reply!.text).toContain('请写学校名');
    expect(ducha.sandbox.resourceRequests).toBe(requests);
    expect(await allEvidence(ducha)).toEqual([]);
  });

  it('after the score: kept with it, accepted as the bureau’s own, audited, and shown on the inspector’s card', async () => {
    expect((await ducha.say(OFFICER, '督查 横渠镇中心小学 6.1 -3 围墙开裂')).reply!.text).toContain('1/4 分');
    const photo = fakeFile('jpeg', 300 * 1024);
    const sent = await sendFile(ducha, { openId: OFFICER, kind: 'image', bytes: photo, caption: CAPTION });
    expect(sent.reply).toMatchObject({ chat_id: p2pChatIdFor(OFFICER) });
    expect(sent.reply!.text).toMatch(/^已将照片「照片-2026-12-15\.jpg」附到 横渠镇中心小学\(示例\) 本月督查「6\.1 薄弱环节改善与能力提升」，并存入该校档案。/);

    const [row] = await evidenceOf(ducha, sent.message_id);
    const [school] = await ducha.db.select({ id: schools.id }).from(schools).where(eq(schools.chatId, 'oc_demo_school_03'));
    const [officer] = await ducha.db.select({ id: people.id }).from(people).where(eq(people.openId, OFFICER));
    const [sub] = await ducha.db.select({ id: frameworkSubItems.id }).from(frameworkSubItems).where(eq(frameworkSubItems.code, '6.1'));
    expect(row).toMatchObject({ schoolId: school!.id, subItemId: sub!.id, period: '2026-12', byteLength: photo.length, sha256: sha256(photo), uploadedById: officer!.id, review: 'accepted', reviewedById: officer!.id });
    expect(sha256((await ducha.deps.evidence!.get(row!.storageKey))!)).toBe(sha256(photo));
    const [score] = await ducha.db.select().from(inspectionScores).where(and(eq(inspectionScores.subItemId, sub!.id), isNull(inspectionScores.replacedAt)));
    expect(score!.photoEvidenceId).toBe(row!.id);
    const audited = await ducha.db.select().from(auditLog).where(eq(auditLog.action, 'inspection_photo'));
    expect(audited).toMatchObject([{ personId: officer!.id, detail: '督查照片 横渠镇中心小学(示例) 2026-12 6.1：照片-2026-12-15.jpg' }]);

    const card = (await ducha.say(OFFICER, '督查 横渠镇中心小学')).reply!;
    expect(card.text).toMatch(/6\.1 薄弱环节改善与能力提升[^\n]*\n　扣分原因：围墙开裂\n(?:[^\n]*\n)?　附督查照片（已存入该校档案）/);
  });

  it('a caption naming no sub-item says what to write, and stores nothing', async () => {
    const before = (await allEvidence(ducha)).length;
    const sent = await sendFile(ducha, { openId: OFFICER, kind: 'image', bytes: fakeFile('jpeg'), caption: '督查 横渠镇中心小学 围墙' });
    expect(sent.reply!.text).toContain('没有找到子项「围墙」');
    expect((await allEvidence(ducha)).length).toBe(before);
  });

  it('the principal finds it in 档案; a principal’s captioned 「督查 …」 photo is the school’s own evidence, not an inspection photo', async () => {
    const archive = (await ducha.say(PRINCIPAL, '档案')).reply!;
    expect(archive.text).toContain('照片-2026-12-15.jpg');
    const sent = await sendFile(ducha, { openId: PRINCIPAL, kind: 'image', bytes: fakeFile('jpeg'), caption: CAPTION });
    expect(sent.reply!.msg_type).toBe('interactive');
    const [row] = await evidenceOf(ducha, sent.message_id);
    expect(row).toMatchObject({ review: 'pending', subItemId: null });
  });

  it('a principal answers the deduction with a photo captioned 「整改 6.1 …」: the rectification carries it, the inspector is told', async () => {
    const requests = ducha.sandbox.resourceRequests;
    const teacher = await sendFile(ducha, { openId: 'ou_demo_t0301', kind: 'image', bytes: fakeFile('jpeg'), caption: '整改 6.1 围墙已修复' });
    expect(teacher.reply!.text).toBe('整改情况由校长回复；老师的佐证请发「佐证 子项」。');
    const notDeducted = await sendFile(ducha, { openId: PRINCIPAL, kind: 'image', bytes: fakeFile('jpeg'), caption: '整改 6.2 已整理' });
    expect(notDeducted.reply!.text).toContain('本校最近的督查中，「6.2」没有扣分，无需整改。');
    expect(ducha.sandbox.resourceRequests).toBe(requests);

    const toPrincipal = () => ducha.botMessages().filter((m) => m.chat_id === p2pChatIdFor(PRINCIPAL)).length;
    const before = toPrincipal();
    const photo = fakeFile('jpeg', 50_000);
    const sent = await sendFile(ducha, { openId: PRINCIPAL, kind: 'image', bytes: photo, caption: '整改 6.1 围墙已修复，附照片' });
    expect(sent.reply!.text).toBe('已收到「6.1 薄弱环节改善与能力提升」的整改情况和照片「照片-2026-12-15.jpg」，谢谢！督查人员会看到您的回复，照片存入本校档案待教体局审核。');
    // The reply is the thanks: one message to the principal, not two.
    expect(toPrincipal() - before).toBe(1);
    const [row] = await evidenceOf(ducha, sent.message_id);
    expect(row).toMatchObject({ review: 'pending', sha256: sha256(photo) });
    const [fixed] = await ducha.db.select().from(rectifications);
    expect(fixed).toMatchObject({ note: '围墙已修复，附照片', evidenceId: row!.id });
    expect(ducha.botMessages().filter((m) => m.chat_id === p2pChatIdFor(OFFICER)).at(-1)!.text).toContain('围墙已修复，附照片');
    expect((await ducha.say(OFFICER, '督查 横渠镇中心小学')).reply!.text).toContain('围墙已修复，附照片（附照片，见档案）');
  });
});
