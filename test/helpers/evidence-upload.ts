import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { evidence } from '../../src/db/schema/index.js';
import type { SandboxMessage } from '../../src/lark/sandbox/sandbox-state.js';
import type { TestDucha } from './test-ducha.js';

/** Bytes that start as a real file of the kind does (magic numbers), padded to `size` with noise. */
export function fakeFile(kind: 'jpeg' | 'png' | 'pdf' | 'zip' | 'exe', size = 4096): Buffer {
  const heads: Record<typeof kind, Buffer> = {
    jpeg: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]),
    png: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pdf: Buffer.from('%PDF-1.7\n'),
    zip: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]),
    exe: Buffer.from('MZ\x90\x00'),
  };
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 7919 + 13) & 0xff;
  heads[kind].copy(bytes, 0);
  return bytes;
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A person sends a photo or file through the sandbox; returns the message id and the bot's replies, once settled. */
export async function sendFile(
  ducha: TestDucha,
  o: { openId: string; kind: 'image' | 'file'; bytes: Uint8Array; fileName?: string; chatId?: string; caption?: string },
): Promise<{ message_id: string; key: string; envelope: unknown; replies: SandboxMessage[]; reply: SandboxMessage | undefined }> {
  const query = new URLSearchParams({ open_id: o.openId, kind: o.kind, wait_ms: '0', ...(o.fileName ? { file_name: o.fileName } : {}), ...(o.chatId ? { chat_id: o.chatId } : {}), ...(o.caption ? { caption: o.caption } : {}) });
  const response = await fetch(`${ducha.url}/sandbox/send-file?${query}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: o.bytes });
  if (response.status !== 200) throw new Error(`send-file answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { message_id: string; key: string; envelope: unknown };
  await ducha.settle();
  const replies = ducha.sandbox.botMessages().filter((m) => m.parent_id === body.message_id);
  return { ...body, replies, reply: replies[0] };
}

/** The evidence rows stored for a Lark message (zero or one). */
export const evidenceOf = (ducha: TestDucha, messageId: string) => ducha.db.select().from(evidence).where(eq(evidence.larkMessageId, messageId));

export const allEvidence = (ducha: TestDucha) => ducha.db.select().from(evidence);
