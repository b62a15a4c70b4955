import { integer, pgTable, primaryKey, serial, text } from 'drizzle-orm/pg-core';
import { instant } from './columns.js';
import { people, schools } from './roster.js';

/** 一月一调度: a notice the bureau sent to schools (their chat, and their principal 1:1), with a 收到 button. */
export const notices = pgTable('notices', {
  id: serial('id').primaryKey(),
  sentById: integer('sent_by_id')
    .notNull()
    .references(() => people.id),
  text: text('text').notNull(),
  /** Whom it went to, as the sender named them (全部, a town, schools): shown again in 通知 状态. */
  scope: text('scope').notNull(),
  /** The 方案/文件 it carries, if any: the file's name (its bytes travel with the outbox rows). */
  fileName: text('file_name'),
  createdAt: instant('created_at').notNull(),
  /** The next workday morning: one reminder then to the schools that have not acknowledged. */
  remindAt: instant('remind_at').notNull(),
  remindedAt: instant('reminded_at'),
});

/** One row per school a notice went to: acknowledged once, by whoever of the school pressed 收到 first. */
export const noticeReceipts = pgTable(
  'notice_receipts',
  {
    noticeId: integer('notice_id')
      .notNull()
      .references(() => notices.id),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id),
    acknowledgedById: integer('acknowledged_by_id').references(() => people.id),
    acknowledgedAt: instant('acknowledged_at'),
  },
  (t) => [primaryKey({ columns: [t.noticeId, t.schoolId] })],
);
