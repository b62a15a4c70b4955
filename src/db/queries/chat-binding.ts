import { and, asc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { people, schools, towns } from '../schema/index.js';

export type SchoolPlace = { id: number; name: string; town: string; chatId: string | null; botRemovedAt: Date | null };

/** Who a group chat belongs to now: a school (the bot perhaps removed from it since), the bureau, or nobody. */
export type ChatOwner = { kind: 'school'; school: SchoolPlace } | { kind: 'bureau' };

const placeColumns = { id: schools.id, name: schools.name, town: towns.name, chatId: schools.chatId, botRemovedAt: schools.botRemovedAt };

export async function findChatOwner(db: Db, chatId: string): Promise<ChatOwner | undefined> {
  const [[school], [bureau]] = await Promise.all([
    db.select(placeColumns).from(schools).innerJoin(towns, eq(towns.id, schools.townId)).where(eq(schools.chatId, chatId)),
    db
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.chatId, chatId), inArray(people.role, ['bureau', 'admin']), eq(people.active, true)))
      .limit(1),
  ]);
  if (school) return { kind: 'school', school };
  return bureau ? { kind: 'bureau' } : undefined;
}

/** Every school (or those whose name or town contains `words`), in roster order, at most `limit`, with how many matched. */
export async function listSchoolPlaces(db: Db, o: { words?: string; limit: number }): Promise<{ places: SchoolPlace[]; total: number }> {
  const like = o.words ? `%${o.words.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const where = like ? or(sql`${schools.name} like ${like}`, sql`${towns.name} like ${like}`) : undefined;
  const [places, [counted]] = await Promise.all([
    db.select(placeColumns).from(schools).innerJoin(towns, eq(towns.id, schools.townId)).where(where).orderBy(asc(towns.id), asc(schools.id)).limit(o.limit),
    db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(schools).innerJoin(towns, eq(towns.id, schools.townId)).where(where),
  ]);
  return { places, total: counted?.n ?? 0 };
}

export async function findSchoolPlace(db: Db, schoolId: number): Promise<SchoolPlace | undefined> {
  const [row] = await db.select(placeColumns).from(schools).innerJoin(towns, eq(towns.id, schools.townId)).where(eq(schools.id, schoolId));
  return row;
}

/** Schools named exactly `name` (a name may repeat across towns). */
export async function findSchoolPlacesByName(db: Db, name: string): Promise<SchoolPlace[]> {
  return db.select(placeColumns).from(schools).innerJoin(towns, eq(towns.id, schools.townId)).where(eq(schools.name, name)).orderBy(asc(schools.id));
}

/**
 * Bindings are rare and each reads before it writes: one at a time across instances (the lock ends
 * with the transaction), so of two racing clicks the second sees what the first bound.
 */
export async function lockChatBindings(db: Db): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('ducha:chat-binding'))`);
}

/** The chat belongs to nobody any more: no school's, no bureau officer's (someone is about to bind it elsewhere). */
export async function releaseChat(db: Db, chatId: string, now: Date, o: { exceptSchoolId?: number }): Promise<void> {
  await db
    .update(schools)
    .set({ chatId: null, botRemovedAt: null })
    .where(and(eq(schools.chatId, chatId), o.exceptSchoolId === undefined ? undefined : ne(schools.id, o.exceptSchoolId)));
  await db.update(people).set({ chatId: null, updatedAt: now }).where(eq(people.chatId, chatId));
}

/**
 * Binds the chat to the school in one conditional update: only while the school has no chat, or
 * this one, or `replacing` (an admin), and no other school holds the chat. False if it did not.
 * Its teachers and principal then work in that chat.
 */
export async function bindSchoolChat(db: Db, o: { schoolId: number; chatId: string; replacing: boolean; now: Date }): Promise<boolean> {
  const bound = await db
    .update(schools)
    .set({ chatId: o.chatId, botRemovedAt: null })
    .where(
      and(
        eq(schools.id, o.schoolId),
        o.replacing ? undefined : or(isNull(schools.chatId), eq(schools.chatId, o.chatId)),
        sql`not exists (select 1 from ${schools} other where other.chat_id = ${o.chatId} and other.id <> ${o.schoolId})`,
      ),
    )
    .returning({ id: schools.id });
  if (bound.length === 0) return false;
  await db.update(people).set({ chatId: o.chatId, updatedAt: o.now }).where(eq(people.schoolId, o.schoolId));
  return true;
}

/** The bureau's officers and admins work in this chat (lagging lists, bulletins go there). */
export async function bindBureauChat(db: Db, chatId: string, now: Date): Promise<void> {
  await db
    .update(people)
    .set({ chatId, updatedAt: now })
    .where(and(inArray(people.role, ['bureau', 'admin']), eq(people.active, true)));
}

/** The bot left the school's chat: marked (once), so its messages go to the principal until it is bound again. */
export async function markSchoolBotRemoved(db: Db, chatId: string, now: Date): Promise<SchoolPlace | undefined> {
  const [school] = await db
    .update(schools)
    .set({ botRemovedAt: sql`coalesce(${schools.botRemovedAt}, ${now.toISOString()}::timestamptz)` })
    .where(eq(schools.chatId, chatId))
    .returning({ id: schools.id });
  return school ? findSchoolPlace(db, school.id) : undefined;
}

/** The bot left the bureau's chat: nobody works there with it any more; how many people did. */
export async function clearBureauChat(db: Db, chatId: string, now: Date): Promise<number> {
  const cleared = await db
    .update(people)
    .set({ chatId: null, updatedAt: now })
    .where(and(eq(people.chatId, chatId), inArray(people.role, ['bureau', 'admin'])))
    .returning({ id: people.id });
  return cleared.length;
}

/** Of these open_ids, those someone in the roster has (active or not). */
export async function findKnownOpenIds(db: Db, openIds: string[]): Promise<Set<string>> {
  if (openIds.length === 0) return new Set();
  const rows = await db.select({ openId: people.openId }).from(people).where(inArray(people.openId, openIds));
  return new Set(rows.map((r) => r.openId));
}

/**
 * Adds a teacher of the school working in its chat; an open_id already in the roster is left as it
 * is (unless inactive: then it comes back as this school's teacher). Returns whether anything changed.
 */
export async function addTeacher(db: Db, o: { openId: string; name: string; schoolId: number; chatId: string | null; now: Date }): Promise<boolean> {
  const fields = { name: o.name, role: 'teacher' as const, schoolId: o.schoolId, chatId: o.chatId, active: true, updatedAt: o.now };
  const inserted = await db.insert(people).values({ openId: o.openId, ...fields }).onConflictDoNothing({ target: people.openId }).returning({ id: people.id });
  if (inserted.length > 0) return true;
  const revived = await db
    .update(people)
    .set(fields)
    .where(and(eq(people.openId, o.openId), eq(people.active, false)))
    .returning({ id: people.id });
  return revived.length > 0;
}
