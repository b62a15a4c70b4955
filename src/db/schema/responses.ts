import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { instant } from './columns.js';
import { rounds } from './campaigns.js';
import { people } from './roster.js';

export const responseSources = ['text', 'card'] as const;

/** A form's answers by field name, as the campaign's form defines them. */
export type Answers = Record<string, number | string | boolean | null>;

/** One answer per person per round, for every campaign (the monthly check-in is one of them). */
export const responses = pgTable(
  'responses',
  {
    id: serial('id').primaryKey(),
    roundId: integer('round_id')
      .notNull()
      .references(() => rounds.id),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    answers: jsonb('answers').$type<Answers>().notNull(),
    submittedAt: instant('submitted_at').notNull(),
    late: boolean('late').notNull(),
    source: text('source', { enum: responseSources }).notNull(),
    /** How many earlier versions were replaced (0 when never corrected). */
    revisions: integer('revisions').notNull().default(0),
  },
  (t) => [
    uniqueIndex('responses_round_person_key').on(t.roundId, t.personId),
    index('responses_person_idx').on(t.personId),
  ],
);

/** Each replaced version of an answer, kept when someone corrects it. */
export const responseRevisions = pgTable(
  'response_revisions',
  {
    id: serial('id').primaryKey(),
    responseId: integer('response_id')
      .notNull()
      .references(() => responses.id, { onDelete: 'cascade' }),
    answers: jsonb('answers').$type<Answers>().notNull(),
    submittedAt: instant('submitted_at').notNull(),
    late: boolean('late').notNull(),
    source: text('source', { enum: responseSources }).notNull(),
    replacedAt: instant('replaced_at').notNull(),
  },
  (t) => [index('response_revisions_response_idx').on(t.responseId)],
);

