import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { people, responses, schools, towns } from '../schema/index.js';

export type SchoolTally = {
  townId: number;
  town: string;
  schoolId: number;
  school: string;
  expected: number;
  answered: number;
  /** Sums of the form's count fields, by field name. */
  sums: Record<string, number>;
};

/**
 * Per school: active people of the role (expected, counted live), how many of them answered the
 * round, and the sums of the named count fields over every stored answer. One grouped query,
 * whatever the size of the history.
 */
export async function tallyRoundBySchool(
  db: Db,
  input: { roundId: number; role: 'teacher' | 'principal'; countFields: readonly string[]; town?: string },
): Promise<SchoolTally[]> {
  const sumColumns: Record<string, SQL<number>> = {};
  input.countFields.forEach((name, i) => {
    sumColumns[`sum${i}`] = sql<number>`coalesce(sum((${responses.answers} ->> ${name})::bigint), 0)`.mapWith(Number);
  });
  const rows = await db
    .select({
      townId: towns.id,
      town: towns.name,
      schoolId: schools.id,
      school: schools.name,
      expected: sql<number>`count(distinct ${people.id}) filter (where ${people.active})`.mapWith(Number),
      answered: sql<number>`count(${responses.id}) filter (where ${people.active})`.mapWith(Number),
      ...sumColumns,
    })
    .from(schools)
    .innerJoin(towns, eq(towns.id, schools.townId))
    .leftJoin(people, and(eq(people.schoolId, schools.id), eq(people.role, input.role)))
    .leftJoin(responses, and(eq(responses.personId, people.id), eq(responses.roundId, input.roundId)))
    .where(input.town === undefined ? sql`true` : eq(towns.name, input.town))
    .groupBy(towns.id, towns.name, schools.id, schools.name)
    .orderBy(asc(towns.id), asc(schools.id));
  return rows.map((row) => {
    const r = row as typeof row & Record<string, number>;
    return {
      townId: r.townId,
      town: r.town,
      schoolId: r.schoolId,
      school: r.school,
      expected: r.expected,
      answered: r.answered,
      sums: Object.fromEntries(input.countFields.map((name, i) => [name, r[`sum${i}`] ?? 0])),
    };
  });
}

export async function listTownNames(db: Db): Promise<string[]> {
  const rows = await db.select({ name: towns.name }).from(towns).orderBy(asc(towns.id));
  return rows.map((r) => r.name);
}
