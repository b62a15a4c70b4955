import { aliasedTable, and, asc, eq, gt, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../database.js';
import { aidFollowups, dropoutCases, homeVisits, people, persuasionAttempts, responses, schools, students, towns } from '../schema/index.js';

/** The export's schools (all of them when undefined), and the local days [from, until) it covers. */
export type ExportScope = { schoolIds: number[] | undefined };
export type ExportWindow = { from: string; until: string };

const inSchools = (column: typeof schools.id | typeof students.schoolId | typeof people.schoolId, scope: ExportScope): SQL | undefined =>
  scope.schoolIds === undefined ? undefined : inArray(column, scope.schoolIds.length > 0 ? scope.schoolIds : [-1]);

/** Every school with its town, to map the summary's (town, school) pairs to ids. */
export async function listSchoolsWithTowns(db: Db): Promise<{ id: number; school: string; town: string }[]> {
  return db.select({ id: schools.id, school: schools.name, town: towns.name }).from(schools).innerJoin(towns, eq(towns.id, schools.townId));
}

/** Students on the register (not left), by id after `afterId`, with their visits in the window. */
export async function pageRegister(db: Db, o: ExportScope & { window: ExportWindow; afterId: number; limit: number }) {
  const mentor = aliasedTable(people, 'mentor');
  return db
    .select({
      id: students.id,
      schoolId: students.schoolId,
      mentorId: students.mentorId,
      town: towns.name,
      school: schools.name,
      studentNo: students.studentNo,
      name: students.name,
      className: students.className,
      categories: students.categories,
      aid: students.aid,
      alertLevel: students.alertLevel,
      mentor: mentor.name,
      visits: sql<number>`(select count(*) from ${homeVisits} v where v.student_id = ${students.id} and v.visited_on >= ${o.window.from} and v.visited_on < ${o.window.until})`.mapWith(Number),
    })
    .from(students)
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .innerJoin(towns, eq(towns.id, schools.townId))
    .leftJoin(mentor, eq(mentor.id, students.mentorId))
    .where(and(isNull(students.leftAt), gt(students.id, o.afterId), inSchools(students.schoolId, o)))
    .orderBy(asc(students.id))
    .limit(o.limit);
}

/** A keyset over visits by (day, id): the sheet reads in date order, and each page is an index range. */
export type VisitCursor = { day: string; id: number };

/** Home visits of the window, by day; `aidCheckOnly`: those that recorded the aid check, with its follow-up. */
export async function pageVisits(db: Db, o: ExportScope & { window: ExportWindow; after: VisitCursor | undefined; limit: number; aidCheckOnly?: boolean }) {
  const teacher = aliasedTable(people, 'teacher');
  const after = o.after ? sql`(${homeVisits.visitedOn}, ${homeVisits.id}) > (${o.after.day}, ${o.after.id})` : undefined;
  const aidChecked = o.aidCheckOnly ? sql`(${homeVisits.aidStatus} is not null or ${homeVisits.eligibility} is not null)` : undefined;
  return db
    .select({
      id: homeVisits.id,
      visitedOn: homeVisits.visitedOn,
      mode: homeVisits.mode,
      risks: homeVisits.risks,
      findings: homeVisits.findings,
      measures: homeVisits.measures,
      aidStatus: homeVisits.aidStatus,
      eligibility: homeVisits.eligibility,
      teacher: teacher.name,
      studentId: students.id,
      schoolId: students.schoolId,
      mentorId: students.mentorId,
      name: students.name,
      className: students.className,
      aid: students.aid,
      town: towns.name,
      school: schools.name,
      followupOpen: sql<boolean | null>`(select bool_or(f.closed_at is null) from ${aidFollowups} f where f.visit_id = ${homeVisits.id})`,
      followupNote: sql<string | null>`(select string_agg(f.note, '；') from ${aidFollowups} f where f.visit_id = ${homeVisits.id})`,
    })
    .from(homeVisits)
    .innerJoin(students, eq(students.id, homeVisits.studentId))
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .innerJoin(towns, eq(towns.id, schools.townId))
    .innerJoin(teacher, eq(teacher.id, homeVisits.teacherId))
    .where(and(gte(homeVisits.visitedOn, o.window.from), lt(homeVisits.visitedOn, o.window.until), after, aidChecked, inSchools(students.schoolId, o)))
    .orderBy(asc(homeVisits.visitedOn), asc(homeVisits.id))
    .limit(o.limit);
}

/** Dropout cases open at some time in the window (opened before its end, not closed before its start); few. */
export async function listDropoutCasesIn(db: Db, o: ExportScope & { from: Date; until: Date }) {
  const responsible = aliasedTable(people, 'responsible');
  return db
    .select({
      id: dropoutCases.id,
      state: dropoutCases.state,
      reason: dropoutCases.reason,
      openedAt: dropoutCases.openedAt,
      closedAt: dropoutCases.closedAt,
      responsible: responsible.name,
      studentId: students.id,
      schoolId: students.schoolId,
      mentorId: students.mentorId,
      name: students.name,
      className: students.className,
      town: towns.name,
      school: schools.name,
      attempts: sql<number>`(select count(*) from ${persuasionAttempts} a where a.case_id = ${dropoutCases.id})`.mapWith(Number),
    })
    .from(dropoutCases)
    .innerJoin(students, eq(students.id, dropoutCases.studentId))
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .innerJoin(towns, eq(towns.id, schools.townId))
    .innerJoin(responsible, eq(responsible.id, dropoutCases.responsibleId))
    .where(and(lt(dropoutCases.openedAt, o.until), or(isNull(dropoutCases.closedAt), gte(dropoutCases.closedAt, o.from)), inSchools(students.schoolId, o)))
    .orderBy(asc(towns.id), asc(schools.id), asc(dropoutCases.openedAt), asc(dropoutCases.id));
}

/** One round's answers with who and where, by response id after `afterId`. */
export async function pageRoundAnswers(db: Db, o: ExportScope & { roundId: number; afterId: number; limit: number }) {
  return db
    .select({
      id: responses.id,
      town: towns.name,
      school: schools.name,
      name: people.name,
      answers: responses.answers,
      submittedAt: responses.submittedAt,
      late: responses.late,
      revisions: responses.revisions,
    })
    .from(responses)
    .innerJoin(people, eq(people.id, responses.personId))
    .leftJoin(schools, eq(schools.id, people.schoolId))
    .leftJoin(towns, eq(towns.id, schools.townId))
    .where(and(eq(responses.roundId, o.roundId), gt(responses.id, o.afterId), inSchools(people.schoolId, o)))
    .orderBy(asc(responses.id))
    .limit(o.limit);
}
