import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { instant } from './columns.js';
import { rounds } from './campaigns.js';
import { people } from './roster.js';

export const checkInSources = ['text', 'card'] as const;

export const checkIns = pgTable(
  'check_ins',
  {
    id: serial('id').primaryKey(),
    roundId: integer('round_id')
      .notNull()
      .references(() => rounds.id),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    homeVisits: integer('home_visits').notNull(),
    phoneFollowups: integer('phone_followups').notNull(),
    newAlerts: integer('new_alerts').notNull(),
    note: text('note'),
    submittedAt: instant('submitted_at').notNull(),
    late: boolean('late').notNull(),
    source: text('source', { enum: checkInSources }).notNull(),
    /** How many earlier versions were replaced (0 when never corrected). */
    revisions: integer('revisions').notNull().default(0),
  },
  (t) => [
    uniqueIndex('check_ins_round_person_key').on(t.roundId, t.personId),
    check(
      'check_ins_counts_non_negative',
      sql`${t.homeVisits} >= 0 and ${t.phoneFollowups} >= 0 and ${t.newAlerts} >= 0`,
    ),
  ],
);

/** Each replaced version of a check-in, kept when a teacher corrects their answer. */
export const checkInRevisions = pgTable(
  'check_in_revisions',
  {
    id: serial('id').primaryKey(),
    checkInId: integer('check_in_id')
      .notNull()
      .references(() => checkIns.id, { onDelete: 'cascade' }),
    homeVisits: integer('home_visits').notNull(),
    phoneFollowups: integer('phone_followups').notNull(),
    newAlerts: integer('new_alerts').notNull(),
    note: text('note'),
    submittedAt: instant('submitted_at').notNull(),
    late: boolean('late').notNull(),
    source: text('source', { enum: checkInSources }).notNull(),
    replacedAt: instant('replaced_at').notNull(),
  },
  (t) => [index('check_in_revisions_check_in_idx').on(t.checkInId)],
);
