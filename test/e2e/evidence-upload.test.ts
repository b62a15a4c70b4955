import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidence, people } from '../../src/db/schema/index.js';
import { deliverEnvelope } from '../../src/lark/sandbox/deliver-event.js';
import { callbackValue } from '../helpers/card-tree.js';
import { allEvidence, evidenceOf, fakeFile, sendFile, sha256 } from '../helpers/evidence-upload.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';
import { seedFixtureFramework } from '../fixtures/framework.js';

const PRINCIPAL = 'ou_demo_p01';
const TEACHER = 'ou_demo_t0101';
const MB = 1024 * 1024;

describe('evidence sent to the bot 1:1 (档案资料)', () => {
  let ducha: TestDucha;
  let folder: string;
  let subItemIds: Record<string, number>;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'ducha-evidence-'));
    ducha = await startTestDucha({ roster: 'demo', env: { DUCHA_EVIDENCE_DIR: folder } });
    ({ subItemIds } = await seedFixtureFramework(ducha.db, ducha.clock.now()));
  });
  afterAll(async () => {
    await ducha?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('a principal’s photo is downloaded, stored with its sha256, and filed from the picker card', async () => {
    const photo = fakeFile('jpeg', 200 * 1024);
    const sent = await sendFile(ducha, { openId: PRINCIPAL, kind: 'image', bytes: photo });
    expect(sent.replies).toHaveLength(1);
    const card = sent.reply!;
    expect(card.msg_type).toBe('interactive');
    expect(card.chat_id).toBe(`oc_p2p_${PRINCIPAL}`);
    // Evidence-scored sub-items come first in the picker.
    expect(card.text.indexOf('1.2 劝返工作台账')).toBeLessThan(card.text.indexOf('1.1 月报按时填报'));

    const [row] = await evidenceOf(ducha, sent.message_id);
    expect(row).toMatchObject({ kind: 'image', mimeType: 'image/jpeg', byteLength: photo.length, sha256: sha256(photo), subItemId: null, period: '2026-12' });
    const stored = await ducha.deps.evidence!.get(row!.storageKey);
    expect(sha256(stored!)).toBe(sha256(photo));
    expect(sha256(await readFile(path.join(folder, ...row!.storageKey.split('/'))))).toBe(sha256(photo));

    const clicked = await ducha.click(PRINCIPAL, card.message_id, { value: callbackValue(card), form_value: { sub_item: String(subItemIds['2.3']) } });
    expect(clicked.delivered.body.toast.type).toBe('success');
    expect(ducha.sandbox.find(card.message_id)!.text).toContain('2.3 消防演练照片');
    const [filed] = await evidenceOf(ducha, sent.message_id);
    expect(filed!.subItemId).toBe(subItemIds['2.3']);
  });

  it('a teacher’s PDF followed by 「佐证 2.1」 is filed under 2.1', async () => {
    const pdf = fakeFile('pdf', 3 * MB);
    const sent = await sendFile(ducha, { openId: TEACHER, kind: 'file', bytes: pdf, fileName: '安全教育记录.pdf' });
    expect(sent.reply!.msg_type).toBe('interactive');
    const said = await ducha.say(TEACHER, '佐证 2.1');
    expect(said.reply!.text).toContain('已将「安全教育记录.pdf」归到子项 2.1 安全教育记录');
    const [row] = await evidenceOf(ducha, sent.message_id);
    expect(row).toMatchObject({ kind: 'file', mimeType: 'application/pdf', fileName: '安全教育记录.pdf', subItemId: subItemIds['2.1'], sha256: sha256(pdf) });
    const [teacher] = await ducha.db.select().from(people).where(eq(people.openId, TEACHER));
    expect(row!.uploadedById).toBe(teacher!.id);
    expect(row!.schoolId).toBe(teacher!.schoolId);
  });

  it('a sub-item named by part of its name works too, and 佐证 without an upload waiting says so', async () => {
    const sent = await sendFile(ducha, { openId: TEACHER, kind: 'image', bytes: fakeFile('png', 5000) });
    expect((await ducha.say(TEACHER, '佐证 劝返')).reply!.text).toContain('1.2 劝返工作台账');
    expect((await evidenceOf(ducha, sent.message_id))[0]!.subItemId).toBe(subItemIds['1.2']);
    expect((await ducha.say(TEACHER, '佐证 2.3')).reply!.text).toContain('没有待归档的资料');
  });

  it('a photo sent with 「佐证 1.2」 as its caption (a post) is filed at once', async () => {
    const photo = fakeFile('jpeg', 30_000);
    const sent = await sendFile(ducha, { openId: PRINCIPAL, kind: 'image', bytes: photo, caption: '佐证 1.2' });
    expect(sent.reply!.text).toContain('归到子项 1.2 劝返工作台账');
    const [row] = await evidenceOf(ducha, sent.message_id);
    expect(row).toMatchObject({ subItemId: subItemIds['1.2'], sha256: sha256(photo), kind: 'image' });
  });

  it('refuses an oversize file and a wrong type, storing nothing', async () => {
    const before = (await allEvidence(ducha)).length;
    const big = await sendFile(ducha, { openId: TEACHER, kind: 'file', bytes: fakeFile('pdf', 31 * MB), fileName: '大文件.pdf' });
    expect(big.reply!.text).toContain('超过 30 MB');
    const bigPhoto = await sendFile(ducha, { openId: TEACHER, kind: 'image', bytes: fakeFile('jpeg', 11 * MB) });
    expect(bigPhoto.reply!.text).toContain('超过 10 MB');
    const zip = await sendFile(ducha, { openId: TEACHER, kind: 'file', bytes: fakeFile('zip'), fileName: '资料.zip' });
    expect(zip.reply!.text).toContain('压缩包');
    // The name says PDF; the bytes say otherwise.
    const disguised = await sendFile(ducha, { openId: TEACHER, kind: 'file', bytes: fakeFile('exe'), fileName: '报告.pdf' });
    expect(disguised.reply!.text).toContain('类型不支持');
    const notAPhoto = await sendFile(ducha, { openId: TEACHER, kind: 'image', bytes: fakeFile('pdf') });
    expect(notAPhoto.reply!.text).toContain('格式不支持');
    expect((await allEvidence(ducha)).length).toBe(before);
  });

  it('ignores a photo in a group chat: nothing stored, nothing posted there', async () => {
    const before = (await allEvidence(ducha)).length;
    const requests = ducha.sandbox.resourceRequests;
    const sent = await sendFile(ducha, { openId: PRINCIPAL, kind: 'image', bytes: fakeFile('jpeg'), chatId: 'oc_demo_school_01' });
    expect(sent.replies).toEqual([]);
    expect(ducha.botMessages().filter((m) => m.chat_id === 'oc_demo_school_01' && m.parent_id === sent.message_id)).toEqual([]);
    expect(ducha.sandbox.resourceRequests).toBe(requests);
    expect((await allEvidence(ducha)).length).toBe(before);
  });

  it('the bureau is told politely that evidence comes from schools, and how an inspector’s photo is sent', async () => {
    const requests = ducha.sandbox.resourceRequests;
    const sent = await sendFile(ducha, { openId: 'ou_demo_b1', kind: 'image', bytes: fakeFile('jpeg') });
    expect(sent.reply!.text).toContain('由校长和教师提交');
    expect(sent.reply!.text).toContain('「督查 横渠镇中心小学 6.1」');
    expect(await evidenceOf(ducha, sent.message_id)).toEqual([]);
    expect(ducha.sandbox.resourceRequests).toBe(requests);
    expect((await ducha.say('ou_demo_b1', '佐证 2.1')).reply!.text).toContain('档案 学校名');
  });

  it('a re-delivered event stores once and downloads once', async () => {
    const photo = fakeFile('jpeg', 10_000);
    const sent = await sendFile(ducha, { openId: PRINCIPAL, kind: 'image', bytes: photo });
    const requests = ducha.sandbox.resourceRequests;
    const envelope = sent.envelope as { header: { event_id: string } };
    // Lark re-sends the same event; and the same message once more under a new event id.
    await deliverEnvelope(ducha.sandbox, '/lark/events', envelope);
    await deliverEnvelope(ducha.sandbox, '/lark/events', { ...envelope, header: { ...envelope.header, event_id: `${envelope.header.event_id}-again` } });
    await ducha.settle();
    expect(await evidenceOf(ducha, sent.message_id)).toHaveLength(1);
    expect(ducha.sandbox.resourceRequests).toBe(requests);
    const [row] = await evidenceOf(ducha, sent.message_id);
    expect(await ducha.db.select().from(evidence).where(eq(evidence.storageKey, row!.storageKey))).toHaveLength(1);
  });
});
