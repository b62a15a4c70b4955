import { asc, eq } from 'drizzle-orm';
import type { Db } from '../database.js';
import { calendarOverrides, schoolPeriods } from '../schema/index.js';

export async function listCalendarOverrides(db: Db) {
  return db.select().from(calendarOverrides).orderBy(asc(calendarOverrides.date));
}

/** One change per date: a later change to the same date replaces the earlier one. */
export async function saveCalendarOverride(db: Db, row: { date: string; kind: 'holiday' | 'workday' | 'none'; name: string; changedAt: Date }) {
  await db
    .insert(calendarOverrides)
    .values(row)
    .onConflictDoUpdate({ target: calendarOverrides.date, set: { kind: row.kind, name: row.name, changedAt: row.changedAt } });
}

export async function listSchoolPeriods(db: Db) {
  return db.select().from(schoolPeriods).orderBy(asc(schoolPeriods.startsOn));
}

export async function addSchoolPeriod(db: Db, row: { kind: 'term' | 'vacation'; name: string; startsOn: string; endsOn: string }) {
  await db.insert(schoolPeriods).values(row);
}

/** Removes the terms and vacations with this name (the example calendar, a mistyped period); returns how many. */
export async function removeSchoolPeriods(db: Db, name: string): Promise<number> {
  const removed = await db.delete(schoolPeriods).where(eq(schoolPeriods.name, name)).returning({ id: schoolPeriods.id });
  return removed.length;
}
