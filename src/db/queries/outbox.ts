import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { outbox } from '../schema/index.js';

export type OutboxRow = typeof outbox.$inferSelect;

/** A reply names the chat it lands in: Lark counts it against that chat's limit. */
export type MessageTarget = { chatId: string } | { openId: string } | { replyTo: string; inChat: string };

export function rateKeyOf(to: MessageTarget): string {
  if ('openId' in to) return `user:${to.openId}`;
  return `chat:${'chatId' in to ? to.chatId : to.inChat}`;
}

export type OutgoingMessage = {
  key: string;
  kind: string;
  to: MessageTarget;
  msgType: 'text' | 'interactive';
  /** Lark content object (text `{text}` or a card); stored as the JSON string Lark wants. */
  content: unknown;
  notBefore: Date;
};

const LARK_UUID_MAX = 50;

/** Builds an idempotency key from what a message is; hashed when it would pass Lark's 50-char uuid limit. */
export function outboxKey(...parts: (string | number)[]): string {
  const key = parts.join(':');
  if (key.length <= LARK_UUID_MAX) return key;
  return `h:${createHash('sha256').update(key).digest('base64url').slice(0, LARK_UUID_MAX - 2)}`;
}

/** Queues messages; a key already queued is left as it is, so re-running the same step adds nothing. */
export async function enqueueMessages(db: Db, now: Date, messages: OutgoingMessage[]): Promise<number> {
  if (messages.length === 0) return 0;
  const rows = messages.map((m) => ({
    key: m.key,
    kind: m.kind,
    receiveIdType: 'chatId' in m.to ? ('chat_id' as const) : 'openId' in m.to ? ('open_id' as const) : null,
    receiveId: 'chatId' in m.to ? m.to.chatId : 'openId' in m.to ? m.to.openId : null,
    replyTo: 'replyTo' in m.to ? m.to.replyTo : null,
    rateKey: rateKeyOf(m.to),
    msgType: m.msgType,
    content: JSON.stringify(m.content),
    notBefore: m.notBefore,
    createdAt: now,
  }));
  const inserted = await db.insert(outbox).values(rows).onConflictDoNothing({ target: outbox.key }).returning({ id: outbox.id });
  return inserted.length;
}

/**
 * Claims due rows for one sender: pending rows whose time has come, and rows whose claim lapsed
 * because the process that held them died. SKIP LOCKED lets several senders share the table.
 */
export async function claimDueMessages(db: Db, now: Date, leaseMs: number, limit: number): Promise<OutboxRow[]> {
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      or(
        and(eq(outbox.status, 'pending'), lte(outbox.notBefore, now)),
        and(eq(outbox.status, 'sending'), lt(outbox.claimedUntil, now)),
      ),
    )
    .orderBy(asc(outbox.notBefore), asc(outbox.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(outbox)
    .set({ status: 'sending', claimedUntil: new Date(now.getTime() + leaseMs), attempts: sql`${outbox.attempts} + 1` })
    .where(inArray(outbox.id, due))
    .returning();
}

export async function markMessageSent(db: Db, id: number, larkMessageId: string, now: Date): Promise<void> {
  await db
    .update(outbox)
    .set({ status: 'sent', larkMessageId, sentAt: now, claimedUntil: null, lastError: null })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'sending')));
}

export async function markMessageFailed(
  db: Db,
  id: number,
  failure: { error: string; retryAt: Date | null },
): Promise<void> {
  await db
    .update(outbox)
    .set(
      failure.retryAt
        ? { status: 'pending', notBefore: failure.retryAt, claimedUntil: null, lastError: failure.error }
        : { status: 'dead', claimedUntil: null, lastError: failure.error },
    )
    .where(and(eq(outbox.id, id), eq(outbox.status, 'sending')));
}
