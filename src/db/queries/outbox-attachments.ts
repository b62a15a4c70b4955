import { and, eq, inArray, notExists, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../database.js';
import { outbox, outboxAttachments } from '../schema/index.js';
import { rateKeyOf, type MessageTarget } from './outbox.js';

export type Attachment = { fileName: string; fileType: string; bytes: Uint8Array | null; byteLength: number };

export type OutgoingFile = {
  key: string;
  kind: string;
  /**
   * 1:1 for anything that can name children (an export goes only to the person who asked for it);
   * a chat only for the bureau's own documents (a notice's 方案/文件 to a school chat).
   */
  to: { openId: string } | { chatId: string };
  file: { name: string; type: 'xls' | 'stream'; bytes: Uint8Array };
  notBefore: Date;
  /** Another queued file message with the same bytes: this one reads them from there instead of storing them again. */
  bytesOf?: string;
};

/**
 * Queues a file message and its bytes together (a savepoint inside the caller's transaction): the
 * row's content is filled in by the sender with the file_key the upload returns. A key already
 * queued is left as it is. Returns whether it was queued.
 */
export async function enqueueFileMessage(db: Db, now: Date, message: OutgoingFile): Promise<boolean> {
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(outbox)
      .values({
        key: message.key,
        kind: message.kind,
        receiveIdType: 'openId' in message.to ? 'open_id' : 'chat_id',
        receiveId: 'openId' in message.to ? message.to.openId : message.to.chatId,
        replyTo: null,
        rateKey: rateKeyOf(message.to satisfies MessageTarget),
        msgType: 'file',
        content: JSON.stringify({ file_name: message.file.name }),
        notBefore: message.notBefore,
        createdAt: now,
      })
      .onConflictDoNothing({ target: outbox.key })
      .returning({ id: outbox.id });
    if (inserted.length === 0) return false;
    await tx.insert(outboxAttachments).values({
      outboxKey: message.key,
      fileName: message.file.name,
      fileType: message.file.type,
      bytes: message.bytesOf ? null : message.file.bytes,
      byteLength: message.file.bytes.byteLength,
      bytesOf: message.bytesOf ?? null,
    });
    return true;
  });
}

const holder = alias(outboxAttachments, 'holder');

/** A file message's name, type and bytes: its own, or those of the attachment it shares them with. */
export async function findAttachment(db: Db, outboxKey: string): Promise<Attachment | undefined> {
  const [row] = await db
    .select({
      fileName: outboxAttachments.fileName,
      fileType: outboxAttachments.fileType,
      bytes: sql<Uint8Array | null>`coalesce(${outboxAttachments.bytes}, ${holder.bytes})`.mapWith(outboxAttachments.bytes),
      byteLength: outboxAttachments.byteLength,
    })
    .from(outboxAttachments)
    .leftJoin(holder, eq(holder.outboxKey, outboxAttachments.bytesOf))
    .where(eq(outboxAttachments.outboxKey, outboxKey));
  return row;
}

/**
 * Once the file is in Lark, the copy here is only a second place holding children's names. Only
 * once its row is marked sent: a row whose mark was lost goes again, and needs its bytes.
 */
export async function emptyAttachment(db: Db, outboxKey: string): Promise<void> {
  // The bytes are the message's own, or held for it by the attachment it shares them with.
  const [own] = await db.select({ bytesOf: outboxAttachments.bytesOf }).from(outboxAttachments).where(eq(outboxAttachments.outboxKey, outboxKey));
  if (!own) return;
  const holderKey = own.bytesOf ?? outboxKey;
  // Emptied only when the holder and every message sharing its bytes are sent.
  const sharers = db.select({ key: outboxAttachments.outboxKey }).from(outboxAttachments).where(or(eq(outboxAttachments.outboxKey, holderKey), eq(outboxAttachments.bytesOf, holderKey)));
  const unsent = db.select({ key: outbox.key }).from(outbox).where(and(inArray(outbox.key, sharers), sql`${outbox.status} <> 'sent'`));
  await db
    .update(outboxAttachments)
    .set({ bytes: null })
    .where(and(eq(outboxAttachments.outboxKey, holderKey), notExists(unsent)));
}
