import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { outbox, people, schools, towns } from '../schema/index.js';

/** Everyone active in the roster with their school and chat, in roster order: whom the sandbox console lets you act as. */
export async function listRosterDirectory(db: Db) {
  return db
    .select({ openId: people.openId, name: people.name, role: people.role, chatId: people.chatId, school: schools.name, town: towns.name })
    .from(people)
    .leftJoin(schools, eq(schools.id, people.schoolId))
    .leftJoin(towns, eq(towns.id, schools.townId))
    .where(eq(people.active, true))
    .orderBy(asc(people.id));
}

/** The outbox as the sandbox console shows it: rows per state, and the rows still to go or given up (newest dead first). */
export async function readOutboxView(db: Db, o: { now: Date; limit: number }) {
  const [counts] = await db
    .select({
      due: sql<number>`count(*) filter (where ${outbox.status} = 'pending' and ${outbox.notBefore} <= ${o.now.toISOString()}::timestamptz)`.mapWith(Number),
      held: sql<number>`count(*) filter (where ${outbox.status} = 'pending' and ${outbox.notBefore} > ${o.now.toISOString()}::timestamptz)`.mapWith(Number),
      sending: sql<number>`count(*) filter (where ${outbox.status} = 'sending')`.mapWith(Number),
      sent: sql<number>`count(*) filter (where ${outbox.status} = 'sent')`.mapWith(Number),
      dead: sql<number>`count(*) filter (where ${outbox.status} = 'dead')`.mapWith(Number),
    })
    .from(outbox);
  const columns = {
    id: outbox.id,
    kind: outbox.kind,
    status: outbox.status,
    receiveId: outbox.receiveId,
    replyTo: outbox.replyTo,
    msgType: outbox.msgType,
    content: outbox.content,
    notBefore: outbox.notBefore,
    attempts: outbox.attempts,
    lastError: outbox.lastError,
  };
  const waiting = await db
    .select(columns)
    .from(outbox)
    .where(inArray(outbox.status, ['pending', 'sending']))
    .orderBy(asc(outbox.notBefore), asc(outbox.id))
    .limit(o.limit);
  const dead = await db.select(columns).from(outbox).where(eq(outbox.status, 'dead')).orderBy(desc(outbox.id)).limit(o.limit);
  return { counts: counts!, waiting, dead };
}

export type OutboxView = Awaited<ReturnType<typeof readOutboxView>>;
export type RosterDirectoryEntry = Awaited<ReturnType<typeof listRosterDirectory>>[number];

