import { and, asc, eq, inArray, like, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../database.js';
import { people, responses, schools, towns } from '../schema/index.js';

export type SchoolTally = {
  townId: number;
  town: string;
  schoolId: number;
  school: string;
  expected: number;
  answered: number;
  /** How many of those answers came after the round's deadline. */
  late: number;
  /** Sums of the form's count fields, by field name. */
  sums: Record<string, number>;
};

/** Which schools: all, one town's (by id), or one school (by id). */
export type TallyScope = { townId?: number; schoolId?: number };

/**
 * Per school: active people of the role (expected, counted live), how many of them answered the
 * round (and how many of those late), and the sums of the named count fields over every stored
 * answer. One statement: the round's answers (by the round's index) are joined to the selected
 * schools' people and grouped per school before schools and towns are added, so the cost
 * follows the selection, not the size of the history or of the rest of the roster.
 */
export async function tallyRoundBySchool(
  db: Db,
  input: { roundId: number; role: 'teacher' | 'principal'; countFields: readonly string[] } & TallyScope,
): Promise<SchoolTally[]> {
  // Each answer's counts, read from its JSON once and carried as numbers, not as the document.
  const answerCounts: Record<string, SQL.Aliased<number>> = {};
  input.countFields.forEach((name, i) => {
    answerCounts[`c${i}`] = sql<number>`(${responses.answers} ->> ${name})::bigint`.as(`c${i}`);
  });
  const answered = db
    .select({ personId: responses.personId, late: responses.late, ...answerCounts })
    .from(responses)
    .where(eq(responses.roundId, input.roundId))
    .as('answered');
  const answeredCount = (i: number) => (answered as unknown as Record<string, SQL.Aliased<number>>)[`c${i}`]!;

  const schoolFilter: SQL | undefined =
    input.schoolId !== undefined
      ? eq(people.schoolId, input.schoolId)
      : input.townId !== undefined
        ? inArray(people.schoolId, db.select({ id: schools.id }).from(schools).where(eq(schools.townId, input.townId)))
        : undefined;
  const sums: Record<string, SQL.Aliased<number>> = {};
  input.countFields.forEach((_, i) => {
    sums[`s${i}`] = sql<number>`sum(${answeredCount(i)})`.as(`s${i}`);
  });
  const tally = db
    .select({
      schoolId: people.schoolId,
      expected: sql<number>`count(*) filter (where ${people.active})`.as('expected'),
      answered: sql<number>`count(${answered.personId}) filter (where ${people.active})`.as('answered'),
      late: sql<number>`count(${answered.personId}) filter (where ${people.active} and ${answered.late})`.as('late'),
      ...sums,
    })
    .from(people)
    .leftJoin(answered, eq(answered.personId, people.id))
    .where(and(eq(people.role, input.role), schoolFilter))
    .groupBy(people.schoolId)
    .as('tally');
  const tallySum = (i: number) => (tally as unknown as Record<string, SQL.Aliased<number>>)[`s${i}`]!;

  const sumColumns: Record<string, SQL<number>> = {};
  input.countFields.forEach((_, i) => {
    sumColumns[`sum${i}`] = sql<number>`coalesce(${tallySum(i)}, 0)`.mapWith(Number);
  });
  const rows = await db
    .select({
      townId: towns.id,
      town: towns.name,
      schoolId: schools.id,
      school: schools.name,
      expected: sql<number>`coalesce(${tally.expected}, 0)`.mapWith(Number),
      answered: sql<number>`coalesce(${tally.answered}, 0)`.mapWith(Number),
      late: sql<number>`coalesce(${tally.late}, 0)`.mapWith(Number),
      ...sumColumns,
    })
    .from(schools)
    .innerJoin(towns, eq(towns.id, schools.townId))
    .leftJoin(tally, eq(tally.schoolId, schools.id))
    .where(
      input.schoolId !== undefined
        ? eq(schools.id, input.schoolId)
        : input.townId !== undefined
          ? eq(schools.townId, input.townId)
          : undefined,
    )
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
      late: r.late,
      sums: Object.fromEntries(input.countFields.map((name, i) => [name, r[`sum${i}`] ?? 0])),
    };
  });
}

/**
 * Runs a report's reads with planner settings for one big aggregate on a small shared machine:
 * no JIT (compiling costs ~100 ms, more than it saves on 150 k rows), no parallel workers (two
 * cores shared with the app), and room to hash a province's roster in memory. Local to the
 * transaction (inside a caller's transaction, to the rest of it), never to the connection.
 */
export async function withReportSettings<T>(db: Db, read: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0', true), set_config('work_mem', '64MB', true)`,
    );
    return read(tx);
  });
}

export async function listTownNames(db: Db): Promise<string[]> {
  const rows = await db.select({ name: towns.name }).from(towns).orderBy(asc(towns.id));
  return rows.map((r) => r.name);
}

export type Place = { kind: 'town'; townId: number; town: string } | { kind: 'school'; townId: number; town: string; schoolId: number; school: string };

/**
 * What a name in `汇总 …` points at: the town of that name, else the schools of that name (in
 * the given town, when one is given). Several schools may share a name across towns.
 */
export async function findPlaces(db: Db, name: string, inTown?: string): Promise<Place[]> {
  if (inTown === undefined) {
    const [town] = await db.select({ id: towns.id, name: towns.name }).from(towns).where(eq(towns.name, name));
    if (town) return [{ kind: 'town', townId: town.id, town: town.name }];
  }
  return schoolsWhere(db, eq(schools.name, name), inTown);
}

/** The schools whose name meets `nameIs` (in the given town, when one is given), as places. */
async function schoolsWhere(db: Db, nameIs: SQL, inTown: string | undefined): Promise<Place[]> {
  const rows = await db
    .select({ schoolId: schools.id, school: schools.name, townId: towns.id, town: towns.name })
    .from(schools)
    .innerJoin(towns, eq(towns.id, schools.townId))
    .where(and(nameIs, inTown === undefined ? undefined : eq(towns.name, inTown)))
    .orderBy(asc(schools.id));
  return rows.map((r) => ({ kind: 'school' as const, ...r }));
}

/** Towns, then schools, whose name contains `part` (in the given town, when one is given): what `汇总` offers when no name matches exactly. */
export async function findPlacesContaining(db: Db, part: string, inTown?: string): Promise<Place[]> {
  const pattern = `%${part.replace(/[\\%_]/g, '\\$&')}%`;
  const townRows =
    inTown === undefined ? await db.select({ id: towns.id, name: towns.name }).from(towns).where(like(towns.name, pattern)).orderBy(asc(towns.id)) : [];
  return [...townRows.map((t) => ({ kind: 'town' as const, townId: t.id, town: t.name })), ...(await schoolsWhere(db, like(schools.name, pattern), inTown))];
}
