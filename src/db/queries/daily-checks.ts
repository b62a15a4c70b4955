import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { schoolIn, type SchoolScope } from './school-scope.js';
import { dailyChecks, people, schools, schoolSettings, students, towns } from '../schema/index.js';

export type DailyCheck = typeof dailyChecks.$inferSelect;
export type DailyCheckAnswer = NonNullable<DailyCheck['answer']>;
/** A day's check with the student it asks about (the mentor's card lists these). */
export type DailyCheckLine = DailyCheck & { studentName: string; className: string };
/** A mentoring pair as the tick reads it: an active teacher of the student's own school. */
export type MentorPair = { schoolId: number; mentorId: number; mentorOpenId: string; mentorName: string; studentId: number };

export async function findSchoolSettings(db: Db, schoolId: number): Promise<{ dailyCheck: boolean; dailyCheckAt: string } | undefined> {
  const [row] = await db
    .select({ dailyCheck: schoolSettings.dailyCheck, dailyCheckAt: schoolSettings.dailyCheckAt })
    .from(schoolSettings)
    .where(eq(schoolSettings.schoolId, schoolId));
  return row;
}

/** Turns 每天一问 on or off for a school (and moves its time, when given); the other fields stay. */
export async function saveDailyCheckSetting(db: Db, row: { schoolId: number; dailyCheck: boolean; dailyCheckAt?: string; updatedAt: Date }): Promise<{ dailyCheckAt: string }> {
  const at = row.dailyCheckAt === undefined ? {} : { dailyCheckAt: row.dailyCheckAt };
  const [saved] = await db
    .insert(schoolSettings)
    .values({ schoolId: row.schoolId, dailyCheck: row.dailyCheck, ...at, updatedAt: row.updatedAt })
    .onConflictDoUpdate({ target: schoolSettings.schoolId, set: { dailyCheck: row.dailyCheck, ...at, updatedAt: row.updatedAt } })
    .returning({ dailyCheckAt: schoolSettings.dailyCheckAt });
  return saved!;
}

/** The schools with 每天一问 on, and the local time of their mentors' card. */
export async function listDailyCheckSchools(db: Db): Promise<{ schoolId: number; dailyCheckAt: string }[]> {
  return db
    .select({ schoolId: schoolSettings.schoolId, dailyCheckAt: schoolSettings.dailyCheckAt })
    .from(schoolSettings)
    .where(eq(schoolSettings.dailyCheck, true))
    .orderBy(asc(schoolSettings.schoolId));
}

/** Schools of a name, with their town (two towns may have a school of the same name). */
export async function findSchoolsNamed(db: Db, name: string): Promise<{ id: number; name: string; town: string }[]> {
  return db
    .select({ id: schools.id, name: schools.name, town: towns.name })
    .from(schools)
    .innerJoin(towns, eq(towns.id, schools.townId))
    .where(eq(schools.name, name))
    .orderBy(asc(schools.id));
}

/** Students still at school with a mentor who is an active teacher or principal of the same school. */
export async function listMentorPairs(db: Db, schoolIds: number[]): Promise<MentorPair[]> {
  if (schoolIds.length === 0) return [];
  return db
    .select({ schoolId: students.schoolId, mentorId: people.id, mentorOpenId: people.openId, mentorName: people.name, studentId: students.id })
    .from(students)
    .innerJoin(people, and(eq(people.id, students.mentorId), eq(people.active, true), eq(people.schoolId, students.schoolId)))
    .where(and(inArray(students.schoolId, schoolIds), isNull(students.leftAt)))
    .orderBy(asc(people.id), asc(students.className), asc(students.name), asc(students.id));
}

/** The mentors who have a check on `day` already (their card for the day was made). */
export async function listMentorsCheckedOn(db: Db, mentorIds: number[], day: string): Promise<Set<number>> {
  if (mentorIds.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ mentorId: dailyChecks.mentorId })
    .from(dailyChecks)
    .where(and(inArray(dailyChecks.mentorId, mentorIds), eq(dailyChecks.day, day)));
  return new Set(rows.map((r) => r.mentorId));
}

/** A day's checks; a pair that has its row already keeps it (two ticks, one row). */
export async function insertDailyChecks(db: Db, rows: { mentorId: number; studentId: number; day: string }[]): Promise<void> {
  if (rows.length > 0) await db.insert(dailyChecks).values(rows).onConflictDoNothing();
}

/** A mentor's checks of one day, in the order their card lists them. */
export async function listDailyChecksOf(db: Db, mentorId: number, day: string): Promise<DailyCheckLine[]> {
  const { id, mentorId: m, studentId, day: d, answer, note, answeredAt } = dailyChecks;
  return db
    .select({ id, mentorId: m, studentId, day: d, answer, note, answeredAt, studentName: students.name, className: students.className })
    .from(dailyChecks)
    .innerJoin(students, eq(students.id, dailyChecks.studentId))
    .where(and(eq(dailyChecks.mentorId, mentorId), eq(dailyChecks.day, day)))
    .orderBy(asc(students.className), asc(students.name), asc(dailyChecks.id));
}

/** Locks a check while it is answered, so two taps at once record one answer. */
export async function lockDailyCheck(db: Db, id: number): Promise<DailyCheck | undefined> {
  const [row] = await db.select().from(dailyChecks).where(eq(dailyChecks.id, id)).for('update');
  return row;
}

export async function saveDailyCheckAnswer(db: Db, id: number, o: { answer: DailyCheckAnswer; note: string | null; answeredAt: Date }): Promise<void> {
  await db.update(dailyChecks).set(o).where(eq(dailyChecks.id, id));
}

/** Active teachers of a school with exactly this name (a mentor named in 帮扶). */
export async function findStaffNamed(db: Db, schoolId: number, name: string): Promise<{ id: number; name: string; role: string }[]> {
  return db
    .select({ id: people.id, name: people.name, role: people.role })
    .from(people)
    .where(and(eq(people.schoolId, schoolId), eq(people.name, name), eq(people.active, true), eq(people.role, 'teacher')))
    .orderBy(asc(people.id));
}

export async function setMentor(db: Db, o: { studentId: number; mentorId: number; at: Date }): Promise<void> {
  await db.update(students).set({ mentorId: o.mentorId, updatedAt: o.at }).where(eq(students.id, o.studentId));
}

/**
 * 每天一问 per school over local days (`until` excluded): checks due, answered, and answered
 * 需关注. A school with no check in the window is absent. One aggregate query.
 */
export async function dailyCheckCountsBySchool(
  db: Db,
  window: { from: string; until: string },
  scope: SchoolScope = {},
): Promise<Map<number, { due: number; done: number; concerns: number }>> {
  const schoolCondition = schoolIn(db, students.schoolId, scope);
  // Folded per student first, then joined: the join then holds one row per mentored child, not per
  // day; with a place, only its children's checks are folded.
  const perStudent = db
    .select({
      studentId: dailyChecks.studentId,
      due: sql<number>`count(*)`.as('due'),
      done: sql<number>`count(${dailyChecks.answer})`.as('done'),
      concerns: sql<number>`count(*) filter (where ${dailyChecks.answer} = 'concern')`.as('concerns'),
    })
    .from(dailyChecks)
    .where(
      and(
        sql`${dailyChecks.day} >= ${window.from}`,
        sql`${dailyChecks.day} < ${window.until}`,
        schoolCondition ? inArray(dailyChecks.studentId, db.select({ id: students.id }).from(students).where(schoolCondition)) : undefined,
      ),
    )
    .groupBy(dailyChecks.studentId)
    .as('per_student');
  const rows = await db
    .select({
      schoolId: students.schoolId,
      due: sql<number>`sum(${perStudent.due})`.mapWith(Number),
      done: sql<number>`sum(${perStudent.done})`.mapWith(Number),
      concerns: sql<number>`sum(${perStudent.concerns})`.mapWith(Number),
    })
    .from(perStudent)
    .innerJoin(students, eq(students.id, perStudent.studentId))
    .where(schoolCondition)
    .groupBy(students.schoolId);
  return new Map(rows.map((r) => [r.schoolId, { due: r.due, done: r.done, concerns: r.concerns }]));
}
