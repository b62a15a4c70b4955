import { createHash } from 'node:crypto';
import { and, asc, count, eq, gte, inArray, like, lt, lte, ne, notInArray, or, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { outbox } from '../schema/index.js';

export type OutboxRow = typeof outbox.$inferSelect;

/** A reply names the chat it lands in: Lark counts it against that chat's limit. */
/**
 * Where a message goes: a chat, a person 1:1, or as a reply to a message in a chat. A reply in the
 * person's own 1:1 chat names them (`person`): a card there is theirs to click, as one sent 1:1 is.
 */
export type MessageTarget = { chatId: string } | { openId: string } | { replyTo: string; inChat: string; person?: string };

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
    receiveIdType: 'chatId' in m.to ? ('chat_id' as const) : 'openId' in m.to || ('person' in m.to && m.to.person) ? ('open_id' as const) : null,
    receiveId: 'chatId' in m.to ? m.to.chatId : 'openId' in m.to ? m.to.openId : 'person' in m.to ? (m.to.person ?? null) : null,
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

/** Rows a sender may take: due pending rows, and rows whose claim lapsed because their sender died. */
function claimable(now: Date) {
  return or(
    and(eq(outbox.status, 'pending'), lte(outbox.notBefore, now)),
    and(eq(outbox.status, 'sending'), lt(outbox.claimedUntil, now)),
  );
}

/** How far past a claim's size it looks for rows of other targets (one busy chat fills the oldest). */
const CANDIDATES_PER_CLAIMED = 20;
const MIN_CANDIDATES = 1_000;

/** Whether any row is due by `now` (pending, or claimed by a sender whose lease ran out). */
export async function hasDueMessages(db: Db, now: Date): Promise<boolean> {
  const rows = await db.select({ id: outbox.id }).from(outbox).where(claimable(now)).limit(1);
  return rows.length > 0;
}

/** Whether anything is due by `now` or being sent right now: "has what was queued gone out yet?". */
export async function hasUndeliveredMessages(db: Db, now: Date): Promise<boolean> {
  const rows = await db
    .select({ id: outbox.id })
    .from(outbox)
    .where(or(and(eq(outbox.status, 'pending'), lte(outbox.notBefore, now)), eq(outbox.status, 'sending')))
    .limit(1);
  return rows.length > 0;
}

/**
 * Claims due rows for one sender, oldest first, with a lease. SKIP LOCKED lets several senders
 * share the table. At most `perTarget` rows of one chat or user are taken (about a second of
 * its budget), and none of `skipTargets` (those the caller still holds rows for), so a chat with
 * a thousand queued messages cannot fill a batch while other chats wait behind it.
 */
export async function claimDueMessages(
  db: Db,
  now: Date,
  leaseMs: number,
  limit: number,
  options: { perTarget?: number; skipTargets?: string[] } = {},
): Promise<OutboxRow[]> {
  const skip = options.skipTargets ?? [];
  // Only the oldest due rows are looked at (an index range, whatever the backlog): ranking a
  // whole backlog of 100,000 rows per claim took 280 ms.
  const oldest = db
    .select({ id: outbox.id, notBefore: outbox.notBefore, rateKey: outbox.rateKey })
    .from(outbox)
    .where(and(claimable(now), skip.length > 0 ? notInArray(outbox.rateKey, skip) : undefined))
    .orderBy(asc(outbox.notBefore), asc(outbox.id))
    .limit(Math.max(CANDIDATES_PER_CLAIMED * limit, MIN_CANDIDATES))
    .as('oldest');
  const ranked = db
    .select({
      id: oldest.id,
      notBefore: oldest.notBefore,
      place: sql<number>`row_number() over (partition by ${oldest.rateKey} order by ${oldest.notBefore}, ${oldest.id})`.as('place'),
    })
    .from(oldest)
    .as('ranked');
  // Chosen first, locked second: as one statement the planner (without statistics on a fresh
  // table) re-ran the window for every row, which took 200 ms for 750 rows.
  const candidates = await db
    .select({ id: ranked.id })
    .from(ranked)
    .where(lte(ranked.place, options.perTarget ?? limit))
    .orderBy(asc(ranked.notBefore), asc(ranked.id))
    .limit(limit);
  if (candidates.length === 0) return [];
  const lockable = db
    .select({ id: outbox.id })
    .from(outbox)
    // Checked again under the lock: another sender may have claimed a row in between.
    .where(and(claimable(now), inArray(outbox.id, candidates.map((c) => c.id))))
    .for('update', { skipLocked: true });
  const rows = await db
    .update(outbox)
    .set({ status: 'sending', claimedUntil: new Date(now.getTime() + leaseMs), attempts: sql`${outbox.attempts} + 1` })
    .where(inArray(outbox.id, lockable))
    .returning();
  return rows.sort((a, b) => a.notBefore.getTime() - b.notBefore.getTime() || a.id - b.id);
}

/**
 * Where the bot sent the message Lark knows by `larkMessageId` (as queued: a reply names the chat
 * it landed in); undefined when the bot never sent it. One lookup on outbox_lark_message_id_idx.
 */
export async function findSentMessageTarget(db: Db, larkMessageId: string): Promise<MessageTarget | undefined> {
  const [row] = await db
    .select({ receiveIdType: outbox.receiveIdType, receiveId: outbox.receiveId, replyTo: outbox.replyTo, rateKey: outbox.rateKey })
    .from(outbox)
    .where(eq(outbox.larkMessageId, larkMessageId))
    .limit(1);
  if (!row) return undefined;
  // A reply in a person's 1:1 chat is theirs (its receive_id names them; the reply goes by replyTo).
  if (row.replyTo !== null && row.receiveIdType === 'open_id' && row.receiveId !== null) return { openId: row.receiveId };
  if (row.replyTo !== null) return { replyTo: row.replyTo, inChat: row.rateKey.replace(/^chat:/, '') };
  if (row.receiveId === null) return undefined;
  return row.receiveIdType === 'open_id' ? { openId: row.receiveId } : { chatId: row.receiveId };
}

export type SentMark = { id: number; larkMessageId: string; sentAt: Date };

/** Marks many sent rows in one statement (a sender at full speed would otherwise spend a round trip per message). */
export async function markMessagesSent(db: Db, marks: readonly SentMark[]): Promise<void> {
  if (marks.length === 0) return;
  // One JSON parameter rather than three arrays: read the same way by postgres.js and PGlite.
  const rows = JSON.stringify(marks.map((m) => ({ id: m.id, lark_message_id: m.larkMessageId, sent_at: m.sentAt.toISOString() })));
  await db.execute(sql`
    update ${outbox}
    set status = 'sent', lark_message_id = m.lark_message_id, sent_at = m.sent_at,
        claimed_until = null, last_error = null, failing_since = null
    from jsonb_to_recordset(${rows}::jsonb) as m(id integer, lark_message_id text, sent_at timestamptz)
    where ${outbox.id} = m.id and ${outbox.status} = 'sending'`);
}

/**
 * Records a failed attempt: back to `pending` until `retryAt`, or `dead` (since `at`) when there is none.
 */
export async function markMessageFailed(
  db: Db,
  id: number,
  failure: { error: string; retryAt: Date | null; at: Date; failingSince: Date },
): Promise<void> {
  await db
    .update(outbox)
    .set(
      failure.retryAt
        ? { status: 'pending', notBefore: failure.retryAt, claimedUntil: null, lastError: failure.error, failingSince: failure.failingSince }
        : { status: 'dead', deadAt: failure.at, claimedUntil: null, lastError: failure.error, failingSince: failure.failingSince },
    )
    .where(and(eq(outbox.id, id), eq(outbox.status, 'sending')));
}

/** Gives a claimed row back unsent (its target had no budget): the attempt does not count. */
export async function releaseClaim(db: Db, id: number, notBefore: Date): Promise<void> {
  await db
    .update(outbox)
    .set({ status: 'pending', notBefore, claimedUntil: null, attempts: sql`greatest(${outbox.attempts} - 1, 0)` })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'sending')));
}

/** Dead letters whose error starts with `errorPrefix`, given up within [from, to), leaving out `exceptKind`. */
export async function countDeadLetters(
  db: Db,
  options: { errorPrefix: string; from: Date; to: Date; exceptKind: string },
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(outbox)
    .where(
      and(
        eq(outbox.status, 'dead'),
        ne(outbox.kind, options.exceptKind),
        like(outbox.lastError, `${options.errorPrefix.replace(/[\\%_]/g, '\\$&')}%`),
        gte(outbox.deadAt, options.from),
        lt(outbox.deadAt, options.to),
      ),
    );
  return row?.n ?? 0;
}

/** Rewrites queued messages that have not gone yet (e.g. an alert whose count grew). */
export async function rewritePendingContent(db: Db, keys: string[], content: unknown): Promise<void> {
  if (keys.length === 0) return;
  await db
    .update(outbox)
    .set({ content: JSON.stringify(content) })
    .where(and(inArray(outbox.key, keys), eq(outbox.status, 'pending')));
}
