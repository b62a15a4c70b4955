import { and, asc, desc, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { alertChanges, auditLog, homeVisits, people, schools, students, type AlertLevel, type RiskFlag, type VisitMode } from '../schema/index.js';

export type Student = typeof students.$inferSelect;
export type StudentWithSchool = Student & { schoolName: string };
export type HomeVisit = typeof homeVisits.$inferSelect;
export type AlertChange = typeof alertChanges.$inferSelect;

const withSchool = { ...studentColumns(), schoolName: schools.name };

function studentColumns() {
  const { id, schoolId, studentNo, name, className, categories, aid, mentorId, alertLevel, leftAt, updatedAt } = students;
  return { id, schoolId, studentNo, name, className, categories, aid, mentorId, alertLevel, leftAt, updatedAt };
}

/**
 * Students still at school whose number or name is exactly `said`, in one school or (no school:
 * the bureau's view) in all. A number is a school-local one, so it names one student per school.
 */
export async function findStudentsNamed(db: Db, said: string, schoolId: number | null): Promise<StudentWithSchool[]> {
  return db
    .select(withSchool)
    .from(students)
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .where(and(isNull(students.leftAt), or(eq(students.studentNo, said), eq(students.name, said)), schoolId === null ? undefined : eq(students.schoolId, schoolId)))
    .orderBy(asc(students.schoolId), asc(students.className), asc(students.id))
    .limit(50);
}

/** Students of a school whose name shares a character with `said`: the choices for a name not found. */
export async function findStudentsLike(db: Db, said: string, schoolId: number, limit: number): Promise<StudentWithSchool[]> {
  const chars = [...new Set([...said])].filter((c) => /\p{Script=Han}/u.test(c));
  if (chars.length === 0) return [];
  return db
    .select(withSchool)
    .from(students)
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .where(and(isNull(students.leftAt), eq(students.schoolId, schoolId), or(...chars.map((c) => sql`strpos(${students.name}, ${c}) > 0`))))
    .orderBy(asc(students.className), asc(students.name))
    .limit(limit);
}

export async function findStudent(db: Db, id: number): Promise<StudentWithSchool | undefined> {
  const [row] = await db.select(withSchool).from(students).innerJoin(schools, eq(schools.id, students.schoolId)).where(eq(students.id, id));
  return row;
}

/** Locks the student's row while their alert level changes, so two visits at once move it one step each. */
export async function lockStudent(db: Db, id: number): Promise<Student | undefined> {
  const [row] = await db.select(studentColumns()).from(students).where(eq(students.id, id)).for('update');
  return row;
}

export async function insertHomeVisit(
  db: Db,
  row: { studentId: number; teacherId: number; visitedOn: string; mode: VisitMode; findings: string; measures: string | null; risks: RiskFlag[]; recordedAt: Date } & Pick<
    typeof homeVisits.$inferInsert,
    'aidStatus' | 'eligibility'
  >,
): Promise<HomeVisit> {
  const [visit] = await db.insert(homeVisits).values(row).returning();
  return visit!;
}

/** The level changes and its row, together: the register never changes without its reason. */
export async function changeAlertLevel(
  db: Db,
  change: { studentId: number; fromLevel: AlertLevel; toLevel: AlertLevel; reason: string | null; byId: number | null; visitId: number | null; at: Date },
): Promise<void> {
  await Promise.all([
    db.update(students).set({ alertLevel: change.toLevel, updatedAt: change.at }).where(eq(students.id, change.studentId)),
    db.insert(alertChanges).values(change),
  ]);
}

/** A student's visits, newest first, with who made them. */
export async function listVisitsOf(db: Db, studentId: number, limit: number): Promise<(HomeVisit & { teacherName: string })[]> {
  return db
    .select({ ...getVisitColumns(), teacherName: people.name })
    .from(homeVisits)
    .innerJoin(people, eq(people.id, homeVisits.teacherId))
    .where(eq(homeVisits.studentId, studentId))
    .orderBy(desc(homeVisits.visitedOn), desc(homeVisits.id))
    .limit(limit);
}

function getVisitColumns() {
  const { id, studentId, teacherId, visitedOn, mode, findings, measures, risks, aidStatus, eligibility, recordedAt, purgedAt } = homeVisits;
  return { id, studentId, teacherId, visitedOn, mode, findings, measures, risks, aidStatus, eligibility, recordedAt, purgedAt };
}

export async function listAlertChangesOf(db: Db, studentId: number, limit: number): Promise<(AlertChange & { byName: string | null })[]> {
  const { id, studentId: sid, fromLevel, toLevel, reason, byId, visitId, at, purgedAt } = alertChanges;
  return db
    .select({ id, studentId: sid, fromLevel, toLevel, reason, byId, visitId, at, purgedAt, byName: people.name })
    .from(alertChanges)
    .leftJoin(people, eq(people.id, alertChanges.byId))
    .where(eq(alertChanges.studentId, studentId))
    .orderBy(desc(alertChanges.at), desc(alertChanges.id))
    .limit(limit);
}

/** Whether the person has visited the student (a visiting teacher may read what they recorded). */
export async function hasVisited(db: Db, teacherId: number, studentId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: homeVisits.id })
    .from(homeVisits)
    .where(and(eq(homeVisits.teacherId, teacherId), eq(homeVisits.studentId, studentId)))
    .limit(1);
  return row !== undefined;
}

/** The active principals of a school, who hear of a new alert the same day. */
export async function listPrincipalsOf(db: Db, schoolId: number): Promise<{ id: number; openId: string; name: string }[]> {
  return db
    .select({ id: people.id, openId: people.openId, name: people.name })
    .from(people)
    .where(and(eq(people.schoolId, schoolId), eq(people.role, 'principal'), eq(people.active, true)))
    .orderBy(asc(people.id));
}

/** The active principals of several schools at once, by school. */
export async function listPrincipalsOfSchools(db: Db, schoolIds: number[]): Promise<Map<number, number[]>> {
  const bySchool = new Map<number, number[]>();
  if (schoolIds.length === 0) return bySchool;
  const rows = await db
    .select({ id: people.id, schoolId: people.schoolId })
    .from(people)
    .where(and(inArray(people.schoolId, schoolIds), eq(people.role, 'principal'), eq(people.active, true)))
    .orderBy(asc(people.id));
  for (const row of rows) bySchool.set(row.schoolId!, [...(bySchool.get(row.schoolId!) ?? []), row.id]);
  return bySchool;
}

export type AuditEntry = Omit<typeof auditLog.$inferInsert, 'id'>;

export async function insertAuditEntries(db: Db, entries: AuditEntry[]): Promise<void> {
  if (entries.length > 0) await db.insert(auditLog).values(entries);
}

export async function findPeopleNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** What a teacher recorded between two local dates (inclusive): students visited per mode, and newly put on the register. */
export async function countRecordedWork(
  db: Db,
  teacherId: number,
  days: { from: string; to: string },
  instants: { from: Date; to: Date },
): Promise<{ home: number; phone: number; video: number; remote: number; newAlerts: number }> {
  const [visits, alerts] = await Promise.all([
    db
      .select({
        home: sql<number>`count(distinct ${homeVisits.studentId}) filter (where ${homeVisits.mode} = 'home')`.mapWith(Number),
        phone: sql<number>`count(distinct ${homeVisits.studentId}) filter (where ${homeVisits.mode} = 'phone')`.mapWith(Number),
        video: sql<number>`count(distinct ${homeVisits.studentId}) filter (where ${homeVisits.mode} = 'video')`.mapWith(Number),
        remote: sql<number>`count(distinct ${homeVisits.studentId}) filter (where ${homeVisits.mode} in ('phone', 'video'))`.mapWith(Number),
      })
      .from(homeVisits)
      .where(and(eq(homeVisits.teacherId, teacherId), sql`${homeVisits.visitedOn} between ${days.from} and ${days.to}`)),
    db
      .select({ n: sql<number>`count(distinct ${alertChanges.studentId})`.mapWith(Number) })
      .from(alertChanges)
      .where(
        and(
          eq(alertChanges.byId, teacherId),
          eq(alertChanges.fromLevel, 'normal'),
          sql`${alertChanges.toLevel} <> 'normal'`,
          gte(alertChanges.at, instants.from),
          lt(alertChanges.at, instants.to),
        ),
      ),
  ]);
  const v = visits[0]!;
  return { home: v.home, phone: v.phone, video: v.video, remote: v.remote, newAlerts: alerts[0]!.n };
}

/**
 * A school's at-risk students (on the register or on 关注/预警) with no visit between two local
 * dates (`until` excluded), and the day of their last visit before: the principal's list to follow up.
 */
export async function listUnvisitedAtRisk(
  db: Db,
  schoolId: number,
  window: { from: string; until: string },
): Promise<(Pick<Student, 'id' | 'name' | 'className' | 'alertLevel' | 'categories'> & { lastVisit: string | null })[]> {
  const visitedIn = sql`exists (select 1 from ${homeVisits} v where v.student_id = ${students.id} and v.visited_on >= ${window.from} and v.visited_on < ${window.until})`;
  return db
    .select({
      id: students.id,
      name: students.name,
      className: students.className,
      alertLevel: students.alertLevel,
      categories: students.categories,
      lastVisit: sql<string | null>`(select max(v.visited_on)::text from ${homeVisits} v where v.student_id = ${students.id})`,
    })
    .from(students)
    .where(
      and(
        eq(students.schoolId, schoolId),
        isNull(students.leftAt),
        or(sql`cardinality(${students.categories}) > 0`, sql`${students.alertLevel} <> 'normal'`),
        sql`not ${visitedIn}`,
      ),
    )
    .orderBy(sql`case ${students.alertLevel} when 'alert' then 0 when 'watch' then 1 else 2 end`, asc(students.className), asc(students.name))
    .limit(200);
}

/**
 * The registered students' names and school-local numbers that occur in `text` (a notice the
 * bureau wrote); numbers shorter than 4 characters are left out, as any figure could be one.
 */
export async function findStudentMentions(db: Db, text: string): Promise<{ names: string[]; numbers: string[] }> {
  const rows = await db
    .selectDistinct({ name: students.name, studentNo: students.studentNo })
    .from(students)
    .where(or(sql`strpos(${text}, ${students.name}) > 0`, sql`char_length(${students.studentNo}) >= 4 and strpos(${text}, ${students.studentNo}) > 0`));
  const names = rows.map((r) => r.name).filter((name) => text.includes(name));
  const numbers = rows.map((r) => r.studentNo).filter((no) => no.length >= 4 && text.includes(no));
  return { names: [...new Set(names)], numbers: [...new Set(numbers)] };
}
