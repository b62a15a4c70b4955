import { aliasedTable, and, asc, count, desc, eq, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../database.js';
import { noticeReceipts, notices, people, schools, towns } from '../schema/index.js';

export type Notice = typeof notices.$inferSelect;
/** A notice with its sender's name, as cards and 通知 状态 show it. */
export type NoticeWithSender = Notice & { senderName: string };

/** Which schools a notice goes to: every school, or any of these schools, towns and education groups. */
export type NoticeSchools = { all: true } | { schoolIds: number[]; townIds: number[]; groups: string[] };

/** A school a notice or its reminder goes to: its chat (none once chats may be unbound) and its active principals. */
export type SchoolRecipients = { schoolId: number; school: string; townId: number; town: string; chatId: string | null; principals: string[] };

/**
 * The schools chosen, each with its chat and its active principals' open ids, in one statement
 * (the only place a notice's recipients are looked up), in town then school order.
 */
/** The school's chat while the bot is in it (null when none is bound or the bot was removed): the principal's copy still goes 1:1. */
const usableChat = sql<string | null>`case when ${schools.botRemovedAt} is null then ${schools.chatId} end`;

export async function listSchoolRecipients(db: Db, which: NoticeSchools | { unacknowledgedOf: number }): Promise<SchoolRecipients[]> {
  const principal = aliasedTable(people, 'principal');
  const rows = await db
    .select({ schoolId: schools.id, school: schools.name, townId: towns.id, town: towns.name, chatId: usableChat, principal: principal.openId })
    .from(schools)
    .innerJoin(towns, eq(towns.id, schools.townId))
    .leftJoin(principal, and(eq(principal.schoolId, schools.id), eq(principal.role, 'principal'), eq(principal.active, true)))
    .where(schoolsWhere(db, which))
    .orderBy(asc(towns.id), asc(schools.id), asc(principal.id));
  const bySchool = new Map<number, SchoolRecipients>();
  for (const r of rows) {
    const school = bySchool.get(r.schoolId) ?? { schoolId: r.schoolId, school: r.school, townId: r.townId, town: r.town, chatId: r.chatId ?? null, principals: [] };
    if (r.principal) school.principals.push(r.principal);
    bySchool.set(r.schoolId, school);
  }
  return [...bySchool.values()];
}

function schoolsWhere(db: Db, which: NoticeSchools | { unacknowledgedOf: number }): SQL | undefined {
  if ('unacknowledgedOf' in which) {
    const open = db
      .select({ id: noticeReceipts.schoolId })
      .from(noticeReceipts)
      .where(and(eq(noticeReceipts.noticeId, which.unacknowledgedOf), isNull(noticeReceipts.acknowledgedAt)));
    return inArray(schools.id, open);
  }
  if ('all' in which) return undefined;
  const any = [
    which.schoolIds.length > 0 ? inArray(schools.id, which.schoolIds) : undefined,
    which.townIds.length > 0 ? inArray(schools.townId, which.townIds) : undefined,
    which.groups.length > 0 ? inArray(schools.educationGroup, which.groups) : undefined,
  ].filter((c): c is SQL => c !== undefined);
  return any.length > 0 ? or(...any) : sql`false`;
}

/** The notice and one unacknowledged receipt per school, together (the caller's transaction). */
export async function insertNotice(
  db: Db,
  row: { sentById: number; text: string; scope: string; fileName: string | null; createdAt: Date; remindAt: Date },
  schoolIds: number[],
): Promise<number> {
  const [inserted] = await db.insert(notices).values(row).returning({ id: notices.id });
  await db.insert(noticeReceipts).values(schoolIds.map((schoolId) => ({ noticeId: inserted!.id, schoolId })));
  return inserted!.id;
}

export async function findNotice(db: Db, id: number): Promise<NoticeWithSender | undefined> {
  const [row] = await db
    .select({ notice: notices, senderName: people.name })
    .from(notices)
    .innerJoin(people, eq(people.id, notices.sentById))
    .where(eq(notices.id, id));
  return row && { ...row.notice, senderName: row.senderName };
}

export type Receipt = { schoolId: number; acknowledgedAt: Date | null; acknowledgedBy: string | null };

/** The first 收到 wins: set only while nobody of the school has acknowledged. True when this one did. */
export async function acknowledgeReceipt(db: Db, o: { noticeId: number; schoolId: number; personId: number; now: Date }): Promise<boolean> {
  const rows = await db
    .update(noticeReceipts)
    .set({ acknowledgedById: o.personId, acknowledgedAt: o.now })
    .where(and(eq(noticeReceipts.noticeId, o.noticeId), eq(noticeReceipts.schoolId, o.schoolId), isNull(noticeReceipts.acknowledgedAt)))
    .returning({ schoolId: noticeReceipts.schoolId });
  return rows.length === 1;
}

export async function findReceipt(db: Db, noticeId: number, schoolId: number): Promise<Receipt | undefined> {
  const [row] = await db
    .select({ schoolId: noticeReceipts.schoolId, acknowledgedAt: noticeReceipts.acknowledgedAt, acknowledgedBy: people.name })
    .from(noticeReceipts)
    .leftJoin(people, eq(people.id, noticeReceipts.acknowledgedById))
    .where(and(eq(noticeReceipts.noticeId, noticeId), eq(noticeReceipts.schoolId, schoolId)));
  return row;
}

/** A notice's schools with their town and who acknowledged when, in town then school order. */
export async function listNoticeReceipts(db: Db, noticeId: number): Promise<(Receipt & { school: string; town: string })[]> {
  return db
    .select({ schoolId: schools.id, school: schools.name, town: towns.name, acknowledgedAt: noticeReceipts.acknowledgedAt, acknowledgedBy: people.name })
    .from(noticeReceipts)
    .innerJoin(schools, eq(schools.id, noticeReceipts.schoolId))
    .innerJoin(towns, eq(towns.id, schools.townId))
    .leftJoin(people, eq(people.id, noticeReceipts.acknowledgedById))
    .where(eq(noticeReceipts.noticeId, noticeId))
    .orderBy(asc(towns.id), asc(schools.id));
}

export type NoticeTally = NoticeWithSender & { schools: number; acknowledged: number };

/** The latest notices, newest first, each with how many schools it went to and how many acknowledged. */
export async function listRecentNotices(db: Db, limit: number): Promise<NoticeTally[]> {
  const rows = await db
    .select({ notice: notices, senderName: people.name, schools: count(noticeReceipts.schoolId), acknowledged: count(noticeReceipts.acknowledgedAt) })
    .from(notices)
    .innerJoin(people, eq(people.id, notices.sentById))
    .leftJoin(noticeReceipts, eq(noticeReceipts.noticeId, notices.id))
    .groupBy(notices.id, people.name)
    .orderBy(desc(notices.id))
    .limit(limit);
  return rows.map((r) => ({ ...r.notice, senderName: r.senderName, schools: r.schools, acknowledged: r.acknowledged }));
}

/** Notices whose reminder is due and not yet sent, oldest first. */
export async function listDueNoticeReminders(db: Db, now: Date, limit: number): Promise<number[]> {
  const rows = await db
    .select({ id: notices.id })
    .from(notices)
    .where(and(lte(notices.remindAt, now), isNull(notices.remindedAt)))
    .orderBy(asc(notices.remindAt), asc(notices.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Claims a notice's one reminder: true for the one transaction that marked it (two ticks remind once). */
export async function claimNoticeReminder(db: Db, id: number, now: Date): Promise<boolean> {
  const rows = await db
    .update(notices)
    .set({ remindedAt: now })
    .where(and(eq(notices.id, id), isNull(notices.remindedAt)))
    .returning({ id: notices.id });
  return rows.length === 1;
}
