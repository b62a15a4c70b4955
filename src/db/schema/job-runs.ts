import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { instant } from './columns.js';

/** One row per scheduled step done (e.g. a round's reminder): the key makes ticks idempotent. */
export const jobRuns = pgTable('job_runs', {
  key: text('key').primaryKey(),
  ranAt: instant('ran_at').notNull(),
  outcome: text('outcome').notNull(),
  detail: jsonb('detail'),
});
