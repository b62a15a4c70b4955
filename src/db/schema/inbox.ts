import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { instant } from './columns.js';

/**
 * Every accepted Lark event, keyed for dedup (Lark re-sends for ~7 h and may double-send).
 * The payload is kept only until the event is processed, then cleared: it can carry children's data.
 */
export const receivedEvents = pgTable(
  'received_events',
  {
    eventId: text('event_id').primaryKey(),
    messageId: text('message_id'),
    eventType: text('event_type').notNull(),
    payload: jsonb('payload'),
    receivedAt: instant('received_at').notNull(),
    processedAt: instant('processed_at'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [
    uniqueIndex('received_events_message_id_key').on(t.messageId),
    index('received_events_unprocessed_idx').on(t.receivedAt).where(sql`${t.processedAt} is null`),
  ],
);
