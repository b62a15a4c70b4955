import { and, count, eq, inArray } from 'drizzle-orm';
import type { Db } from '../database.js';
import { reminderLedger } from '../schema/index.js';

/** Reminders each person has had in the round so far. */
export async function countRemindersByPerson(db: Db, roundId: number, personIds: number[]): Promise<Map<number, number>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .select({ personId: reminderLedger.personId, n: count() })
    .from(reminderLedger)
    .where(and(eq(reminderLedger.roundId, roundId), inArray(reminderLedger.personId, personIds)))
    .groupBy(reminderLedger.personId);
  return new Map(rows.map((r) => [r.personId, r.n]));
}

export async function recordReminders(db: Db, rows: { roundId: number; personId: number; messageKey: string; at: Date }[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(reminderLedger).values(rows).onConflictDoNothing();
}
