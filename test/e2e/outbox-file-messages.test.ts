import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enqueueFileMessage } from '../../src/db/queries/outbox-attachments.js';
import { outboxKey } from '../../src/db/queries/outbox.js';
import { outbox, outboxAttachments } from '../../src/db/schema/index.js';
import { p2pChatIdFor } from '../../src/lark/sandbox/sandbox-state.js';
import { until } from '../helpers/until.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';

const OFFICER = 'ou_demo_b1';

// A file message through the real sender and SDK: upload (multipart) to the sandbox, then the file_key sent.
describe('file messages in the outbox', () => {
  let ducha: TestDucha;
  beforeAll(async () => {
    ducha = await startTestDucha({ now: '2026-12-03T10:00:00+08:00', roster: 'demo' });
  });
  afterAll(() => ducha?.close());
  beforeEach(() => {
    ducha.sandbox.faults.length = 0;
  });

  const bytesOf = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7) % 251);
  const queueFile = (key: string, bytes: Uint8Array, name = '督查导出 2026-12.xlsx') =>
    enqueueFileMessage(ducha.db, ducha.clock.now(), {
      key,
      kind: 'test-file',
      to: { openId: OFFICER },
      file: { name, type: 'xls', bytes },
      notBefore: ducha.clock.now(),
    });
  const rowOf = async (key: string) => (await ducha.db.select().from(outbox).where(eq(outbox.key, key)))[0]!;
  const attachmentOf = async (key: string) => (await ducha.db.select().from(outboxAttachments).where(eq(outboxAttachments.outboxKey, key)))[0]!;
  const download = async (fileKey: string) => {
    const response = await fetch(`${ducha.url}/sandbox/files/${fileKey}`);
    return { name: decodeURIComponent(response.headers.get('x-file-name') ?? ''), bytes: new Uint8Array(await response.arrayBuffer()) };
  };

  it('uploads the bytes under their name, sends the file_key 1:1, then empties the bytes', async () => {
    const key = outboxKey('file', 1);
    const bytes = bytesOf(70_000);
    expect(await queueFile(key, bytes)).toBe(true);
    // The same key again queues nothing.
    expect(await queueFile(key, bytesOf(10))).toBe(false);
    await ducha.settle();
    const sent = ducha.botMessages().filter((m) => m.uuid === key);
    expect(sent).toHaveLength(1);
    const message = sent[0]!;
    expect(message.msg_type).toBe('file');
    expect(message.chat_id).toBe(p2pChatIdFor(OFFICER));
    expect(message.file_name).toBe('督查导出 2026-12.xlsx');
    expect(message.text).toBe('[文件] 督查导出 2026-12.xlsx');
    const fileKey = (message.content as { file_key: string }).file_key;
    const file = await download(fileKey);
    expect(file.name).toBe('督查导出 2026-12.xlsx');
    expect(Buffer.from(file.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect((await rowOf(key)).status).toBe('sent');
    const attachment = await attachmentOf(key);
    expect(attachment.bytes).toBeNull();
    expect(attachment.byteLength).toBe(70_000);
  });

  it('retries a failed upload like a failed send, and keeps the bytes until the file is sent', async () => {
    ducha.sandbox.faults.push({ match: { api: 'upload' }, times: 1, respond: { status: 503 } });
    const key = outboxKey('file', 2);
    await queueFile(key, bytesOf(1_000));
    await ducha.settle();
    let row = await rowOf(key);
    expect(row.status).toBe('pending');
    expect(row.lastError).toMatch(/^\[http-503\]/);
    expect((await attachmentOf(key)).bytes).not.toBeNull();
    expect(ducha.botMessages().filter((m) => m.uuid === key)).toHaveLength(0);

    ducha.clock.set(new Date(ducha.clock.now().getTime() + 10_000));
    await ducha.settle();
    row = await rowOf(key);
    expect(row.status).toBe('sent');
    expect(ducha.botMessages().filter((m) => m.uuid === key)).toHaveLength(1);
    // Emptied right after the sent mark is written, which may land just after the row reads sent.
    expect(await until(async () => (await attachmentOf(key)).bytes === null, 5_000)).toBe(true);
  });

  it('dead-letters what Lark refuses to take (an empty file), as it does a refused send', async () => {
    const key = outboxKey('file', 3);
    await queueFile(key, new Uint8Array(0));
    await ducha.settle();
    const row = await rowOf(key);
    expect(row.status).toBe('dead');
    expect(row.lastError).toMatch(/^\[234010\]/);
  });

  it('takes an upload only as a file part: a bare Buffer through the SDK arrives as a plain field, and is refused', async () => {
    const upload = ducha.deps.lark.client.im.file.create({ data: { file_type: 'xls', file_name: 'a.xlsx', file: Buffer.from('PK') } });
    await expect(upload).rejects.toMatchObject({ response: { status: 400, data: { code: 234001 } } });
  });

  it('refuses, as Lark does, a file message whose file_key it never issued', async () => {
    const token = await ducha.post('/open-apis/auth/v3/tenant_access_token/internal', { app_id: ducha.sandbox.settings.appId, app_secret: ducha.sandbox.settings.appSecret });
    const response = await fetch(`${ducha.url}/open-apis/im/v1/messages?receive_id_type=open_id`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token.body.tenant_access_token}` },
      body: JSON.stringify({ receive_id: OFFICER, msg_type: 'file', content: JSON.stringify({ file_key: 'file_v3_made_up' }) }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: number }).code).toBe(230001);
  });
});
