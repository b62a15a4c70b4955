import { asc, eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { checkIns, people, schools, towns } from '../schema/index.js';

/** Every stored check-in of a round with who and where, in roster order. */
export async function listRoundCheckIns(db: Db, roundId: number) {
  return db
    .select({
      town: towns.name,
      school: schools.name,
      teacher: people.name,
      openId: people.openId,
      homeVisits: checkIns.homeVisits,
      phoneFollowups: checkIns.phoneFollowups,
      newAlerts: checkIns.newAlerts,
      note: checkIns.note,
      submittedAt: checkIns.submittedAt,
      late: checkIns.late,
      revisions: checkIns.revisions,
    })
    .from(checkIns)
    .innerJoin(people, eq(people.id, checkIns.personId))
    .innerJoin(schools, eq(schools.id, people.schoolId))
    .innerJoin(towns, eq(towns.id, schools.townId))
    .where(eq(checkIns.roundId, roundId))
    .orderBy(asc(towns.id), asc(schools.id), asc(people.id));
}
