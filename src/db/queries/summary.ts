import { and, asc, eq, inArray, like, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../database.js';
import { schoolIn, type SchoolScope } from './school-scope.js';
import { people, responses, schools, towns, type GroupRole } from '../schema/index.js';

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

/** Which schools: all, one town's, one education group's, or one school. */
export type TallyScope = SchoolScope;

/** One round's tally per school (tallyRoundsBySchool). */
export async function tallyRoundBySchool(
  db: Db,
  input: { roundId: number; role: 'teacher' | 'principal'; countFields: readonly string[] } & TallyScope,
): Promise<SchoolTally[]> {
  const { roundId, ...rest } = input;
  return tallyRoundsBySchool(db, { ...rest, roundIds: [roundId] });
}

/**
 * Per school: active people of the role (expected, counted live, once per round), how many
 * answers they gave to the rounds (and how many of those late), and the sums of the named count
 * fields over every stored answer. One statement: the rounds' answers (by the round's index) are
 * joined to the selected schools' people and grouped per school before schools and towns are
 * added, so the cost follows the selection, not the size of the history or of the rest of the roster.
 */
export async function tallyRoundsBySchool(
  db: Db,
  input: { roundIds: readonly number[]; role: 'teacher' | 'principal'; countFields: readonly string[] } & TallyScope,
): Promise<SchoolTally[]> {
  const rounds = input.roundIds.length;
  // Each person's answers to the rounds, folded to one row per person (with one round a person has
  // at most one answer, so nothing is grouped): counts read from the JSON once, carried as numbers.
  const many = rounds > 1;
  const answerCounts: Record<string, SQL.Aliased<number>> = {};
  input.countFields.forEach((name, i) => {
    const value = sql`(${responses.answers} ->> ${name})::bigint`;
    answerCounts[`c${i}`] = (many ? sql<number>`sum(${value})` : sql<number>`${value}`).as(`c${i}`);
  });
  const answersQuery = db
    .select({
      personId: responses.personId,
      n: (many ? sql<number>`count(*)` : sql<number>`1`).as('n'),
      lateN: (many ? sql<number>`count(*) filter (where ${responses.late})` : sql<number>`${responses.late}::int`).as('late_n'),
      ...answerCounts,
    })
    .from(responses)
    .where(many ? inArray(responses.roundId, [...input.roundIds]) : eq(responses.roundId, input.roundIds[0]!));
  const answered = (many ? answersQuery.groupBy(responses.personId) : answersQuery).as('answered');
  const answeredCount = (i: number) => (answered as unknown as Record<string, SQL.Aliased<number>>)[`c${i}`]!;

  const schoolFilter = schoolIn(db, people.schoolId, input);
  const sums: Record<string, SQL.Aliased<number>> = {};
  input.countFields.forEach((_, i) => {
    sums[`s${i}`] = sql<number>`sum(${answeredCount(i)})`.as(`s${i}`);
  });
  const tally = db
    .select({
      schoolId: people.schoolId,
      // Expected once per round.
      expected: sql<number>`count(*) filter (where ${people.active}) * ${rounds}::int`.as('expected'),
      answered: sql<number>`coalesce(sum(${answered.n}) filter (where ${people.active}), 0)`.as('answered'),
      late: sql<number>`coalesce(sum(${answered.lateN}) filter (where ${people.active}), 0)`.as('late'),
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
    .where(schoolIn(db, schools.id, input))
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

/** A scope's answers per round, for a trend: people expected in each round (counted live) and answers per round. */
export type RoundTotals = { expected: number; byRound: Map<number, { answered: number; late: number }> };

/** Per round of `roundIds`, the answers of the scope's active people of the role (two statements, grouped, never per round). */
export async function tallyRoundTotals(
  db: Db,
  input: { roundIds: readonly number[]; role: 'teacher' | 'principal' } & TallyScope,
): Promise<RoundTotals> {
  const staff = and(eq(people.role, input.role), eq(people.active, true), schoolIn(db, people.schoolId, input));
  const [[expected], rows] = await Promise.all([
    db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(people).where(staff),
    input.roundIds.length === 0
      ? []
      : db
          .select({
            roundId: responses.roundId,
            answered: sql<number>`count(*)`.mapWith(Number),
            late: sql<number>`count(*) filter (where ${responses.late})`.mapWith(Number),
          })
          .from(responses)
          .innerJoin(people, eq(people.id, responses.personId))
          .where(and(inArray(responses.roundId, [...input.roundIds]), staff))
          .groupBy(responses.roundId),
  ]);
  return { expected: expected?.n ?? 0, byRound: new Map(rows.map((r) => [r.roundId, { answered: r.answered, late: r.late }])) };
}

/** The education groups named `name` exactly, else those whose name contains it, with their schools' roles. */
export async function findGroups(db: Db, name: string): Promise<{ group: string; exact: boolean }[]> {
  const named = (condition: SQL) =>
    db.selectDistinct({ group: schools.educationGroup }).from(schools).where(condition).orderBy(asc(schools.educationGroup));
  const exact = await named(eq(schools.educationGroup, name));
  if (exact.length > 0) return exact.map((g) => ({ group: g.group!, exact: true }));
  const pattern = `%${name.replace(/[\\%_]/g, '\\$&')}%`;
  return (await named(like(schools.educationGroup, pattern))).map((g) => ({ group: g.group!, exact: false }));
}

/** A group's schools and their part in it (核心校/成员校/薄弱校). */
export async function listGroupSchools(db: Db, group: string): Promise<Map<number, GroupRole | null>> {
  const rows = await db.select({ id: schools.id, role: schools.groupRole }).from(schools).where(eq(schools.educationGroup, group));
  return new Map(rows.map((r) => [r.id, r.role]));
}
