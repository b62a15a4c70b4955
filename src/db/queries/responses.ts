import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { responseRevisions, responses, type Answers } from '../schema/index.js';

export type StoredResponse = typeof responses.$inferSelect;

/**
 * Stores a person's answer for a round. `answersFor` turns the stored answers (undefined for a
 * first answer) into the new ones, read under the row's lock so a correction builds on what is
 * really stored. A second answer replaces the first and keeps it as a revision; when two first
 * answers race, the loser's insert does nothing and it takes the replace path.
 */
export async function upsertResponse(
  db: Db,
  input: {
    roundId: number;
    personId: number;
    answersFor: (previous: Answers | undefined) => Answers;
    submittedAt: Date;
    late: boolean;
    source: 'text' | 'card';
  },
): Promise<{ response: StoredResponse; previous: StoredResponse | undefined }> {
  const { answersFor, ...row } = input;
  const first = attempt(() => answersFor(undefined));
  // One round trip (a transaction's concurrent statements are pipelined, and run in order): insert
  // as a first answer, and read the row under its lock. When the insert did nothing, the locked
  // read is what is really stored — also when a racing first answer got there first, since the
  // insert waits for it to commit.
  const [created, locked] = await Promise.all([
    first instanceof Error ? undefined : db.insert(responses).values({ ...row, answers: first }).onConflictDoNothing().returning(),
    db
      .select()
      .from(responses)
      .where(and(eq(responses.roundId, input.roundId), eq(responses.personId, input.personId)))
      .for('update'),
  ]);
  if (created?.[0]) return { response: created[0], previous: undefined };
  const stored = locked[0];
  if (!stored) throw first instanceof Error ? first : new Error('response vanished while being replaced');
  const answers = answersFor(stored.answers);
  // And one more: the replaced answer kept as a revision, with the replacement.
  const [, [updated]] = await Promise.all([
    db.insert(responseRevisions).values({
      responseId: stored.id,
      answers: stored.answers,
      submittedAt: stored.submittedAt,
      late: stored.late,
      source: stored.source,
      replacedAt: input.submittedAt,
    }),
    db
      .update(responses)
      .set({ answers, submittedAt: input.submittedAt, late: input.late, source: input.source, revisions: sql`${responses.revisions} + 1` })
      .where(eq(responses.id, stored.id))
      .returning(),
  ]);
  return { response: updated!, previous: stored };
}

/** A refusal from `answersFor` (a required field left out …) only counts when there is nothing stored to build on. */
function attempt<T>(fn: () => T): T | Error {
  try {
    return fn();
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
}

export async function findResponse(db: Db, roundId: number, personId: number): Promise<StoredResponse | undefined> {
  const [row] = await db
    .select()
    .from(responses)
    .where(and(eq(responses.roundId, roundId), eq(responses.personId, personId)));
  return row;
}
