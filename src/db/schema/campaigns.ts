import { sql } from 'drizzle-orm';
import { check, integer, jsonb, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { instant } from './columns.js';

/** When rounds open and fall due, in local wall-clock terms; the tick turns it into instants. */
export type MonthlySchedule = {
  cadence: 'monthly';
  opens: { day: number; time: string };
  due: { day: number; time: string };
  /** Principal reminders: N days before the due date, at a local time. */
  reminders: { step: string; daysBefore: number; time: string }[];
};

export const campaigns = pgTable('campaigns', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  title: text('title').notNull(),
  audience: text('audience').notNull(),
  schedule: jsonb('schedule').$type<MonthlySchedule>().notNull(),
});

export const rounds = pgTable(
  'rounds',
  {
    id: serial('id').primaryKey(),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    /** `YYYY-MM` for monthly rounds. */
    period: text('period').notNull(),
    opensAt: instant('opens_at').notNull(),
    dueAt: instant('due_at').notNull(),
    /** When a tick actually opened it (and queued the prompts). */
    openedAt: instant('opened_at').notNull(),
  },
  (t) => [
    uniqueIndex('rounds_campaign_period_key').on(t.campaignId, t.period),
    check('rounds_due_after_open', sql`${t.dueAt} > ${t.opensAt}`),
  ],
);
