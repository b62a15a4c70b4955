import { sql } from 'drizzle-orm';
import { boolean, check, integer, jsonb, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { CampaignDefinition } from '../../model/campaign-definition.js';
import { instant } from './columns.js';

export const campaigns = pgTable('campaigns', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  title: text('title').notNull(),
  audience: text('audience').notNull(),
  /** The whole validated definition (schedule, reminders, escalation, form). */
  definition: jsonb('definition').$type<CampaignDefinition>().notNull(),
  active: boolean('active').notNull().default(true),
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
