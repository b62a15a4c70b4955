import { sql } from 'drizzle-orm';
import { bigserial, check, customType, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { instant } from './columns.js';

export const outboxStatuses = ['pending', 'sending', 'sent', 'dead'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

/** Every message the bot sends is first a row here; the key doubles as Lark's `uuid`. */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    key: text('key').notNull().unique(),
    kind: text('kind').notNull(),
    receiveIdType: text('receive_id_type', { enum: ['chat_id', 'open_id'] }),
    receiveId: text('receive_id'),
    /** Set when the message answers one of a person's messages: sent as a Lark reply. */
    replyTo: text('reply_to'),
    /**
     * Where Lark counts the message against its per-target limits: `chat:<chat_id>` (a reply
     * counts against the chat of the message it answers) or `user:<open_id>`.
     */
    rateKey: text('rate_key').notNull(),
    msgType: text('msg_type', { enum: ['text', 'interactive', 'file'] }).notNull(),
    /** Lark's `content`: a JSON string. */
    content: text('content').notNull(),
    status: text('status', { enum: outboxStatuses }).notNull().default('pending'),
    notBefore: instant('not_before').notNull(),
    claimedUntil: instant('claimed_until'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** When the current run of failures began: retries stop a day after it. */
    failingSince: instant('failing_since'),
    /** When the row was given up as a dead letter. */
    deadAt: instant('dead_at'),
    larkMessageId: text('lark_message_id'),
    createdAt: instant('created_at').notNull(),
    sentAt: instant('sent_at'),
  },
  (t) => [
    check('outbox_key_length', sql`char_length(${t.key}) <= 50`),
    check('outbox_has_target', sql`${t.replyTo} is not null or (${t.receiveIdType} is not null and ${t.receiveId} is not null)`),
    check('outbox_status_check', sql`${t.status} in ('pending', 'sending', 'sent', 'dead')`),
    // The sender reads the oldest live rows in (not_before, id) order: an index range, however
    // long the history of sent rows or the backlog.
    index('outbox_due_idx').on(t.notBefore, t.id).where(sql`${t.status} in ('pending', 'sending')`),
    // A card click names the message it was on: one index lookup tells whether the bot sent it, and to whom.
    index('outbox_lark_message_id_idx').on(t.larkMessageId).where(sql`${t.larkMessageId} is not null`),
  ],
);

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * A file message's bytes (an .xlsx the bureau asked for), kept beside its outbox row until it is
 * sent: the sender uploads them (im.file.create), sends the file_key, then empties the bytes.
 */
export const outboxAttachments = pgTable('outbox_attachments', {
  outboxKey: text('outbox_key')
    .primaryKey()
    .references(() => outbox.key, { onDelete: 'cascade' }),
  fileName: text('file_name').notNull(),
  /** Lark's file_type for im.file.create: `xls` for a workbook, `stream` for anything else. */
  fileType: text('file_type').notNull(),
  bytes: bytea('bytes'),
  byteLength: integer('byte_length').notNull(),
  /**
   * The attachment whose bytes this one sends too (a notice's file to thirty chats is stored once);
   * null when it holds its own. Those bytes are emptied once every message sharing them is sent.
   */
  bytesOf: text('bytes_of'),
});
