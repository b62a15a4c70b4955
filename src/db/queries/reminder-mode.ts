import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../database.js';
import { schools, type ReminderMode } from '../schema/index.js';

/** How each school reminds its teachers on the deadline morning (`提醒方式`). */
export async function listReminderModes(db: Db, schoolIds?: number[]): Promise<Map<number, ReminderMode>> {
  if (schoolIds?.length === 0) return new Map();
  const rows = await db
    .select({ id: schools.id, mode: schools.reminderMode })
    .from(schools)
    .where(schoolIds === undefined ? undefined : inArray(schools.id, schoolIds));
  return new Map(rows.map((r) => [r.id, r.mode]));
}

export async function saveReminderMode(db: Db, schoolId: number, mode: ReminderMode): Promise<void> {
  await db.update(schools).set({ reminderMode: mode }).where(eq(schools.id, schoolId));
}
