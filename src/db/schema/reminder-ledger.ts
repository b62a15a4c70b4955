import { index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { instant } from './columns.js';
import { rounds } from './campaigns.js';
import { people } from './roster.js';

/**
 * Every reminder a person received in a round (a 1:1 reminder, or being named in a principal's
 * nudge): the budget of two per round is counted here, in the database, across instances.
 */
export const reminderLedger = pgTable(
  'reminder_ledger',
  {
    roundId: integer('round_id')
      .notNull()
      .references(() => rounds.id),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    /** The outbox key of the message that carried the reminder. */
    messageKey: text('message_key').notNull(),
    at: instant('at').notNull(),
  },
  (t) => [
    uniqueIndex('reminder_ledger_key').on(t.roundId, t.personId, t.messageKey),
    index('reminder_ledger_round_person_idx').on(t.roundId, t.personId),
  ],
);
