import { and, asc, desc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { dropoutCaseEvents, dropoutCases, people, persuasionAttempts, schools, students, type DropoutState } from '../schema/index.js';

export type DropoutCase = typeof dropoutCases.$inferSelect;
export type DropoutCaseEvent = Omit<typeof dropoutCaseEvents.$inferInsert, 'id'>;
export type PersuasionAttempt = typeof persuasionAttempts.$inferSelect;

/** The student's open case, locked for the change (one change at a time per case). */
export async function lockOpenCase(db: Db, studentId: number): Promise<DropoutCase | undefined> {
  const [row] = await db.select().from(dropoutCases).where(and(eq(dropoutCases.studentId, studentId), isNull(dropoutCases.closedAt))).for('update');
  return row;
}

/** The student's most recently closed case: what `辍学` reopens. */
export async function lockLastClosedCase(db: Db, studentId: number): Promise<DropoutCase | undefined> {
  const [row] = await db
    .select()
    .from(dropoutCases)
    .where(and(eq(dropoutCases.studentId, studentId), sql`${dropoutCases.closedAt} is not null`))
    .orderBy(desc(dropoutCases.closedAt), desc(dropoutCases.id))
    .limit(1)
    .for('update');
  return row;
}

export async function findDropoutCase(db: Db, id: number): Promise<DropoutCase | undefined> {
  const [row] = await db.select().from(dropoutCases).where(eq(dropoutCases.id, id));
  return row;
}

export async function insertDropoutCase(db: Db, row: Omit<typeof dropoutCases.$inferInsert, 'id'>): Promise<DropoutCase> {
  const [inserted] = await db.insert(dropoutCases).values(row).returning();
  return inserted!;
}

export async function updateDropoutCase(db: Db, id: number, change: Partial<Omit<DropoutCase, 'id' | 'studentId'>>): Promise<DropoutCase> {
  const [row] = await db.update(dropoutCases).set(change).where(eq(dropoutCases.id, id)).returning();
  return row!;
}

export async function insertDropoutEvent(db: Db, event: DropoutCaseEvent): Promise<void> {
  await db.insert(dropoutCaseEvents).values(event);
}

export async function insertPersuasionAttempt(db: Db, row: Omit<typeof persuasionAttempts.$inferInsert, 'id'>): Promise<void> {
  await db.insert(persuasionAttempts).values(row);
}

/** A case's 劝返 attempts, newest first, with who made them. */
export async function listPersuasionAttempts(db: Db, caseId: number, limit: number): Promise<(PersuasionAttempt & { byName: string })[]> {
  const { id, caseId: cid, byId, attemptedOn, method, result, at } = persuasionAttempts;
  return db
    .select({ id, caseId: cid, byId, attemptedOn, method, result, at, byName: people.name })
    .from(persuasionAttempts)
    .innerJoin(people, eq(people.id, persuasionAttempts.byId))
    .where(eq(persuasionAttempts.caseId, caseId))
    .orderBy(desc(persuasionAttempts.attemptedOn), desc(persuasionAttempts.id))
    .limit(limit);
}

export type OpenCaseRow = {
  caseId: number;
  state: DropoutState;
  openedAt: Date;
  responsibleId: number;
  studentId: number;
  studentName: string;
  className: string;
  schoolId: number;
  schoolName: string;
  lastAttempt: string | null;
};

/** Every open case (of one school, or the county's), by school then longest open first. */
export async function listOpenCases(db: Db, o: { schoolId?: number } = {}): Promise<OpenCaseRow[]> {
  return db
    .select({
      caseId: dropoutCases.id,
      state: dropoutCases.state,
      openedAt: dropoutCases.openedAt,
      responsibleId: dropoutCases.responsibleId,
      studentId: students.id,
      studentName: students.name,
      className: students.className,
      schoolId: schools.id,
      schoolName: schools.name,
      lastAttempt: sql<string | null>`(select max(a.attempted_on)::text from ${persuasionAttempts} a where a.case_id = ${dropoutCases.id})`,
    })
    .from(dropoutCases)
    .innerJoin(students, eq(students.id, dropoutCases.studentId))
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .where(and(isNull(dropoutCases.closedAt), o.schoolId === undefined ? undefined : eq(students.schoolId, o.schoolId)))
    .orderBy(asc(schools.id), asc(dropoutCases.openedAt), asc(dropoutCases.id))
    .limit(1000);
}

/** For 汇总: open dropout cases per school (schools without one are absent). */
export async function countOpenDropoutCasesBySchool(db: Db): Promise<Map<number, number>> {
  const rows = await db
    .select({ schoolId: students.schoolId, n: sql<number>`count(*)`.mapWith(Number) })
    .from(dropoutCases)
    .innerJoin(students, eq(students.id, dropoutCases.studentId))
    .where(isNull(dropoutCases.closedAt))
    .groupBy(students.schoolId);
  return new Map(rows.map((r) => [r.schoolId, r.n]));
}

/** Cases opened (or reopened) and closed in [from, until): the bureau's daily summary. */
export async function listCaseChangesBetween(
  db: Db,
  from: Date,
  until: Date,
): Promise<{ caseId: number; kind: 'opened' | 'reopened' | 'state'; toState: DropoutState | null; studentName: string; schoolName: string }[]> {
  return db
    .select({ caseId: dropoutCaseEvents.caseId, kind: dropoutCaseEvents.kind, toState: dropoutCaseEvents.toState, studentName: students.name, schoolName: schools.name })
    .from(dropoutCaseEvents)
    .innerJoin(dropoutCases, eq(dropoutCases.id, dropoutCaseEvents.caseId))
    .innerJoin(students, eq(students.id, dropoutCases.studentId))
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .where(
      and(
        gte(dropoutCaseEvents.at, from),
        lt(dropoutCaseEvents.at, until),
        sql`(${dropoutCaseEvents.kind} in ('opened', 'reopened') or (${dropoutCaseEvents.kind} = 'state' and ${dropoutCaseEvents.toState} in ('returned', 'transferred', 'exempted')))`,
      ),
    )
    .orderBy(asc(dropoutCaseEvents.at), asc(dropoutCaseEvents.id)) as Promise<
    { caseId: number; kind: 'opened' | 'reopened' | 'state'; toState: DropoutState | null; studentName: string; schoolName: string }[]
  >;
}

/** Active teachers (and principals) of a school with exactly this name: who may be made responsible. */
export async function findStaffNamed(db: Db, schoolId: number, name: string): Promise<{ id: number; name: string; openId: string }[]> {
  return db
    .select({ id: people.id, name: people.name, openId: people.openId })
    .from(people)
    .where(and(eq(people.schoolId, schoolId), eq(people.name, name), eq(people.active, true), inArray(people.role, ['teacher', 'principal'])))
    .orderBy(asc(people.id));
}

/** Active people by id, with what a reminder needs. */
export async function findActivePeople(db: Db, ids: number[]): Promise<{ id: number; name: string; openId: string; role: string; schoolId: number | null }[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: people.id, name: people.name, openId: people.openId, role: people.role, schoolId: people.schoolId })
    .from(people)
    .where(and(inArray(people.id, ids), eq(people.active, true)))
    .orderBy(asc(people.id));
}
