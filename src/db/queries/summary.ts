import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { checkIns, people, schools, towns } from '../schema/index.js';

export type SchoolTally = {
  townId: number;
  town: string;
  schoolId: number;
  school: string;
  expected: number;
  answered: number;
  homeVisits: number;
  phoneFollowups: number;
  newAlerts: number;
};

/**
 * Per school: active teachers (expected, counted live), how many of them answered the round,
 * and the sums of every stored answer. One grouped query, whatever the size of the history.
 */
export async function tallyRoundBySchool(db: Db, roundId: number, townName?: string): Promise<SchoolTally[]> {
  const rows = await db
    .select({
      townId: towns.id,
      town: towns.name,
      schoolId: schools.id,
      school: schools.name,
      expected: sql<number>`count(distinct ${people.id}) filter (where ${people.active})`.mapWith(Number),
      answered: sql<number>`count(${checkIns.id}) filter (where ${people.active})`.mapWith(Number),
      homeVisits: sql<number>`coalesce(sum(${checkIns.homeVisits}), 0)`.mapWith(Number),
      phoneFollowups: sql<number>`coalesce(sum(${checkIns.phoneFollowups}), 0)`.mapWith(Number),
      newAlerts: sql<number>`coalesce(sum(${checkIns.newAlerts}), 0)`.mapWith(Number),
    })
    .from(schools)
    .innerJoin(towns, eq(towns.id, schools.townId))
    .leftJoin(people, and(eq(people.schoolId, schools.id), eq(people.role, 'teacher')))
    .leftJoin(checkIns, and(eq(checkIns.personId, people.id), eq(checkIns.roundId, roundId)))
    .where(townName === undefined ? sql`true` : eq(towns.name, townName))
    .groupBy(towns.id, towns.name, schools.id, schools.name)
    .orderBy(asc(towns.id), asc(schools.id));
  return rows;
}

export async function listTownNames(db: Db): Promise<string[]> {
  const rows = await db.select({ name: towns.name }).from(towns).orderBy(asc(towns.id));
  return rows.map((r) => r.name);
}
