import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { people, responses, schools, towns } from '../schema/index.js';
import type { MessageTarget } from './outbox.js';

export type Person = typeof people.$inferSelect;
export type School = typeof schools.$inferSelect;

export async function findActivePersonByOpenId(db: Db, openId: string): Promise<Person | undefined> {
  const [row] = await db
    .select()
    .from(people)
    .where(and(eq(people.openId, openId), eq(people.active, true)));
  return row;
}

/** The county's admins, who are told when messages cannot be delivered. */
export async function listActiveAdmins(db: Db): Promise<{ id: number; openId: string }[]> {
  return db
    .select({ id: people.id, openId: people.openId })
    .from(people)
    .where(and(eq(people.role, 'admin'), eq(people.active, true)))
    .orderBy(asc(people.id));
}

export async function listSchoolsWithChats(db: Db): Promise<(School & { townName: string })[]> {
  return db
    .select({ ...schoolColumns(), townName: towns.name })
    .from(schools)
    .innerJoin(towns, eq(towns.id, schools.townId))
    .orderBy(asc(towns.id), asc(schools.id));
}

export async function findSchool(db: Db, id: number): Promise<School | undefined> {
  const [row] = await db.select().from(schools).where(eq(schools.id, id));
  return row;
}

/** Active people of a role who have not answered the round, per school, in roster order. */
export async function listMissingRespondents(db: Db, roundId: number, role: 'teacher' | 'principal', schoolId?: number) {
  return db
    .select({ id: people.id, name: people.name, openId: people.openId, schoolId: people.schoolId })
    .from(people)
    .leftJoin(responses, and(eq(responses.personId, people.id), eq(responses.roundId, roundId)))
    .where(
      and(
        eq(people.role, role),
        eq(people.active, true),
        isNull(responses.id),
        schoolId === undefined ? sql`true` : eq(people.schoolId, schoolId),
      ),
    )
    .orderBy(asc(people.schoolId), asc(people.id));
}

export async function listActivePrincipals(db: Db, schoolId?: number) {
  return db
    .select()
    .from(people)
    .where(
      and(
        eq(people.role, 'principal'),
        eq(people.active, true),
        schoolId === undefined ? sql`true` : eq(people.schoolId, schoolId),
      ),
    )
    .orderBy(asc(people.id));
}

function schoolColumns() {
  return { id: schools.id, townId: schools.townId, name: schools.name, educationGroup: schools.educationGroup, groupRole: schools.groupRole, chatId: schools.chatId, botRemovedAt: schools.botRemovedAt, reminderMode: schools.reminderMode };
}

/** The group chats bureau staff work in with the bot (lagging lists and bulletins go there). */
export async function listBureauChats(db: Db): Promise<string[]> {
  const rows = await db
    .selectDistinct({ chatId: people.chatId })
    .from(people)
    .where(and(eq(people.role, 'bureau'), eq(people.active, true), sql`${people.chatId} is not null`));
  return rows.map((r) => r.chatId!).sort();
}

/**
 * Where the bureau's messages go: its group chats, or while it has none (never bound, or the bot
 * removed from it) each active bureau officer 1:1. `id` (the chat's or the officer's) keys the outbox row.
 */
export async function listBureauDestinations(db: Db): Promise<{ id: string; to: MessageTarget }[]> {
  const chats = await listBureauChats(db);
  if (chats.length > 0) return chats.map((chatId) => ({ id: chatId, to: { chatId } }));
  const officers = await db
    .select({ openId: people.openId })
    .from(people)
    .where(and(eq(people.role, 'bureau'), eq(people.active, true)))
    .orderBy(asc(people.id));
  return officers.map(({ openId }) => ({ id: openId, to: { openId } }));
}

export type RosterGuide = {
  teacher: { openId: string; chatId: string } | undefined;
  principal: { openId: string } | undefined;
  bureau: { openId: string; chatId: string } | undefined;
};

/** One teacher with their school chat, one principal, one bureau officer with their chat: ids to try the sandbox with. */
export async function findRosterGuide(db: Db): Promise<RosterGuide> {
  const first = async (role: Person['role']) => {
    const [row] = await db
      .select({ openId: people.openId, chatId: people.chatId })
      .from(people)
      .where(and(eq(people.role, role), eq(people.active, true)))
      .orderBy(asc(people.id))
      .limit(1);
    return row;
  };
  const [teacher, principal, bureau] = await Promise.all([first('teacher'), first('principal'), first('bureau')]);
  const withChat = (p: { openId: string; chatId: string | null } | undefined) => (p?.chatId ? { openId: p.openId, chatId: p.chatId } : undefined);
  return { teacher: withChat(teacher), principal: principal && { openId: principal.openId }, bureau: withChat(bureau) };
}
