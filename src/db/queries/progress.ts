import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../database.js';
import { people, responses, schools, towns, type Answers } from '../schema/index.js';

/** A school with its town's name, as cards name it. */
export type SchoolPlace = { schoolId: number; school: string; townId: number; town: string };

export async function findSchoolPlace(db: Db, schoolId: number): Promise<SchoolPlace | undefined> {
  const [row] = await db
    .select({ schoolId: schools.id, school: schools.name, townId: towns.id, town: towns.name })
    .from(schools)
    .innerJoin(towns, eq(towns.id, schools.townId))
    .where(eq(schools.id, schoolId));
  return row;
}

/** One principal's stored answer to a round. */
export type PrincipalReport = {
  personId: number;
  name: string;
  active: boolean;
  answers: Answers;
  submittedAt: Date;
  late: boolean;
  revisions: number;
};

/**
 * What the school's principals (active or not: a report stays theirs when they leave) filed for
 * the round, in roster order. Usually one row, or none.
 */
export async function listPrincipalReports(db: Db, o: { roundId: number; schoolId: number }): Promise<PrincipalReport[]> {
  return db
    .select({
      personId: people.id,
      name: people.name,
      active: people.active,
      answers: responses.answers,
      submittedAt: responses.submittedAt,
      late: responses.late,
      revisions: responses.revisions,
    })
    .from(responses)
    .innerJoin(people, eq(people.id, responses.personId))
    .where(and(eq(responses.roundId, o.roundId), eq(people.schoolId, o.schoolId), eq(people.role, 'principal')))
    .orderBy(asc(people.id));
}
