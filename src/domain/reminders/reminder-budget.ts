import type { Db } from '../../db/database.js';
import { countRemindersByPerson, recordReminders } from '../../db/queries/reminder-ledger.js';

/** 减负: a person gets at most this many reminders per round (a nudge naming them counts as one). */
export const REMINDERS_PER_ROUND = 2;

/** Splits people into those who may still be reminded this round and those at their budget. */
export async function splitByReminderBudget<P extends { id: number }>(db: Db, roundId: number, people: P[]) {
  const counts = await countRemindersByPerson(db, roundId, people.map((p) => p.id));
  const allowed: P[] = [];
  const exhausted: P[] = [];
  for (const p of people) ((counts.get(p.id) ?? 0) < REMINDERS_PER_ROUND ? allowed : exhausted).push(p);
  return { allowed, exhausted };
}

/** Charges one reminder to each person a message reminds. */
export function chargeReminders(db: Db, roundId: number, personIds: number[], messageKey: string, at: Date): Promise<void> {
  return recordReminders(db, personIds.map((personId) => ({ roundId, personId, messageKey, at })));
}
