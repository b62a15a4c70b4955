import { and, count, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { people, schools, towns } from '../schema/index.js';
import type { GroupRole } from '../schema/roster.js';
import type { Person } from './people.js';

export type PersonFields = Pick<Person, 'name' | 'role' | 'schoolId' | 'chatId' | 'active'>;

export async function isRosterEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(people);
  return (row?.n ?? 0) === 0;
}

/** Creates the towns not there yet; returns every named town's id. */
export async function upsertTowns(db: Db, names: string[]): Promise<Map<string, number>> {
  if (names.length === 0) return new Map();
  await db.insert(towns).values(names.map((name) => ({ name }))).onConflictDoNothing();
  const found = await db.select().from(towns).where(inArray(towns.name, names));
  return new Map(found.map((t) => [t.name, t.id]));
}

/** The name of another school (not `name` in `townId`) that already uses the chat, if any. */
export async function findSchoolUsingChat(db: Db, o: { chatId: string; townId: number; name: string }): Promise<string | undefined> {
  const [clash] = await db
    .select({ name: schools.name })
    .from(schools)
    .where(and(eq(schools.chatId, o.chatId), sql`not (${schools.townId} = ${o.townId} and ${schools.name} = ${o.name})`));
  return clash?.name;
}

/**
 * Creates the school, or updates its education group and role in it, and its chat when one is
 * given (a school without one keeps the chat bound to it in Lark); returns its id and chat.
 */
export async function upsertSchool(
  db: Db,
  values: { townId: number; name: string; chatId: string | null; educationGroup: string | null; groupRole: GroupRole | null },
): Promise<{ id: number; chatId: string | null }> {
  const [school] = await db
    .insert(schools)
    .values(values)
    .onConflictDoUpdate({
      target: [schools.townId, schools.name],
      set: {
        chatId: sql`coalesce(excluded.chat_id, ${schools.chatId})`,
        // Another chat named in the file is a new binding; the same one keeps what Ducha knows of it.
        botRemovedAt: sql`case when excluded.chat_id is null or excluded.chat_id = ${schools.chatId} then ${schools.botRemovedAt} end`,
        educationGroup: values.educationGroup,
        groupRole: values.groupRole,
      },
    })
    .returning({ id: schools.id, chatId: schools.chatId });
  return school!;
}

export async function findPeopleByOpenIds(db: Db, openIds: string[]): Promise<Map<string, Person>> {
  const found = await db.select().from(people).where(inArray(people.openId, openIds));
  return new Map(found.map((p) => [p.openId, p]));
}

export async function insertPerson(db: Db, person: PersonFields & { openId: string; updatedAt: Date }): Promise<void> {
  await db.insert(people).values(person);
}

export async function updatePerson(db: Db, id: number, fields: PersonFields & { updatedAt: Date }): Promise<void> {
  await db.update(people).set(fields).where(eq(people.id, id));
}

/** Deactivates everyone active who is not in `openIds`; returns how many. */
export async function deactivatePeopleNotIn(db: Db, openIds: string[], now: Date): Promise<number> {
  const pruned = await db
    .update(people)
    .set({ active: false, updatedAt: now })
    .where(and(eq(people.active, true), notInArray(people.openId, openIds)))
    .returning({ id: people.id });
  return pruned.length;
}
