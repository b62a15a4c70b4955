import type { Db } from '../../db/database.js';
import { aidCoverageBySchool, listOpenAidFollowups, type AidCoverage } from '../../db/queries/aid-check.js';
import type { Person } from '../../db/queries/people.js';
import { DomainError } from '../../errors.js';
import { aidTexts } from '../../texts/aid-texts.js';
import { loadSchoolCalendar } from '../calendar/load-school-calendar.js';
import { audit, type AuditOrigin } from '../register/audit.js';
import { localDate } from '../time/zoned-time.js';
import { termOf, type AidTerm } from './aid-term.js';

export type OpenAidFollowup = Awaited<ReturnType<typeof listOpenAidFollowups>>[number];

export type AidOverview = {
  term: AidTerm;
  coverage: AidCoverage;
  openCount: number;
  /** By name, only when asked 1:1 (each listing audited); empty otherwise. */
  open: OpenAidFollowup[];
};

/**
 * A principal's view of the school's aid check this term: aided students checked, mismatches found,
 * open follow-ups. Names only `withNames` (1:1); every student so listed is a read, audited.
 */
export async function readAidOverview(
  db: Db,
  now: Date,
  o: { person: Person; timezone: string; withNames: boolean; origin: AuditOrigin },
): Promise<AidOverview> {
  const schoolId = o.person.schoolId;
  if (schoolId === null) throw new DomainError('not_your_school', aidTexts.noSchool);
  const { terms } = await loadSchoolCalendar(db, o.timezone);
  const term = termOf(terms, localDate(now, o.timezone));
  if (!term) throw new DomainError('no_term', aidTexts.noTerm);
  const coverage = (await aidCoverageBySchool(db, term, { schoolId })).get(schoolId) ?? { aided: 0, checked: 0, mismatches: 0 };
  const open = await listOpenAidFollowups(db, schoolId);
  if (o.withNames && open.length > 0) {
    await audit(db, now, o.person, o.origin, open.map((f) => ({ action: 'read_aid' as const, studentId: f.studentId, detail: '资助跟进名单' })));
  }
  return { term, coverage, openCount: open.length, open: o.withNames ? open : [] };
}
