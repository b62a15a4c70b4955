import { pgTable, text } from 'drizzle-orm/pg-core';
import { instant } from './columns.js';

/**
 * Who sends for the app. Lark's limits are per app, so one instance at a time drains the outbox:
 * a Node process, a Worker invocation or the CLI, whichever holds the row's lease. A row rather
 * than an advisory lock, because Hyperdrive pools connections per transaction and would lose a
 * session lock between statements.
 */
export const senderLease = pgTable('sender_lease', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: instant('expires_at').notNull(),
});
