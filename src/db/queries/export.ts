import { asc, eq } from 'drizzle-orm';
import type { Db } from '../database.js';
import { people, responses, schools, towns } from '../schema/index.js';

/** Every stored answer of a round with who and where, in roster order. */
export async function listRoundResponses(db: Db, roundId: number) {
  return db
    .select({
      town: towns.name,
      school: schools.name,
      name: people.name,
      openId: people.openId,
      answers: responses.answers,
      submittedAt: responses.submittedAt,
      late: responses.late,
      revisions: responses.revisions,
    })
    .from(responses)
    .innerJoin(people, eq(people.id, responses.personId))
    .leftJoin(schools, eq(schools.id, people.schoolId))
    .leftJoin(towns, eq(towns.id, schools.townId))
    .where(eq(responses.roundId, roundId))
    .orderBy(asc(towns.id), asc(schools.id), asc(people.id));
}
