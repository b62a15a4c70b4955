import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { checkInRevisions, checkIns } from '../schema/index.js';

export type CheckIn = typeof checkIns.$inferSelect;
export type CheckInValues = {
  homeVisits: number;
  phoneFollowups: number;
  newAlerts: number;
  note: string | null;
};

/**
 * Stores a teacher's answer for a round. A second answer replaces the first and keeps it as a
 * revision; the insert-first order stays correct when two answers race.
 */
export async function upsertCheckIn(
  db: Db,
  input: CheckInValues & { roundId: number; personId: number; submittedAt: Date; late: boolean; source: 'text' | 'card' },
): Promise<{ checkIn: CheckIn; replaced: boolean }> {
  const [created] = await db.insert(checkIns).values(input).onConflictDoNothing().returning();
  if (created) return { checkIn: created, replaced: false };

  const [previous] = await db
    .select()
    .from(checkIns)
    .where(and(eq(checkIns.roundId, input.roundId), eq(checkIns.personId, input.personId)))
    .for('update');
  if (!previous) throw new Error('check-in vanished while being replaced');
  await db.insert(checkInRevisions).values({
    checkInId: previous.id,
    homeVisits: previous.homeVisits,
    phoneFollowups: previous.phoneFollowups,
    newAlerts: previous.newAlerts,
    note: previous.note,
    submittedAt: previous.submittedAt,
    late: previous.late,
    source: previous.source,
    replacedAt: input.submittedAt,
  });
  const [updated] = await db
    .update(checkIns)
    .set({
      homeVisits: input.homeVisits,
      phoneFollowups: input.phoneFollowups,
      newAlerts: input.newAlerts,
      note: input.note,
      submittedAt: input.submittedAt,
      late: input.late,
      source: input.source,
      revisions: sql`${checkIns.revisions} + 1`,
    })
    .where(eq(checkIns.id, previous.id))
    .returning();
  return { checkIn: updated!, replaced: true };
}

export async function findCheckIn(db: Db, roundId: number, personId: number): Promise<CheckIn | undefined> {
  const [row] = await db
    .select()
    .from(checkIns)
    .where(and(eq(checkIns.roundId, roundId), eq(checkIns.personId, personId)));
  return row;
}
