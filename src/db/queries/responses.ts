import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { responseRevisions, responses, type Answers } from '../schema/index.js';

export type StoredResponse = typeof responses.$inferSelect;

/**
 * Stores a person's answer for a round. A second answer replaces the first and keeps it as a
 * revision; the insert-first order stays correct when two answers race.
 */
export async function upsertResponse(
  db: Db,
  input: { roundId: number; personId: number; answers: Answers; submittedAt: Date; late: boolean; source: 'text' | 'card' },
): Promise<{ response: StoredResponse; replaced: boolean }> {
  const [created] = await db.insert(responses).values(input).onConflictDoNothing().returning();
  if (created) return { response: created, replaced: false };

  const [previous] = await db
    .select()
    .from(responses)
    .where(and(eq(responses.roundId, input.roundId), eq(responses.personId, input.personId)))
    .for('update');
  if (!previous) throw new Error('response vanished while being replaced');
  await db.insert(responseRevisions).values({
    responseId: previous.id,
    answers: previous.answers,
    submittedAt: previous.submittedAt,
    late: previous.late,
    source: previous.source,
    replacedAt: input.submittedAt,
  });
  const [updated] = await db
    .update(responses)
    .set({
      answers: input.answers,
      submittedAt: input.submittedAt,
      late: input.late,
      source: input.source,
      revisions: sql`${responses.revisions} + 1`,
    })
    .where(eq(responses.id, previous.id))
    .returning();
  return { response: updated!, replaced: true };
}

export async function findResponse(db: Db, roundId: number, personId: number): Promise<StoredResponse | undefined> {
  const [row] = await db
    .select()
    .from(responses)
    .where(and(eq(responses.roundId, roundId), eq(responses.personId, personId)));
  return row;
}
