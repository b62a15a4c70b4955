import { tellPrincipals } from './tell-principals.js';
import type { Db } from '../../db/database.js';
import { findOpenAidFollowup, insertAidFollowup } from '../../db/queries/aid-check.js';
import type { Person } from '../../db/queries/people.js';
import type { HomeVisit, StudentWithSchool } from '../../db/queries/students.js';
import { loadSchoolCalendar } from '../calendar/load-school-calendar.js';
import type { MessagePresenter } from '../messages/message-presenter.js';
import { audit, type AuditOrigin } from './audit.js';
import { isAidMismatch, type AidEligibility, type AidStatus } from '../visits/read-aid-check.js';

/** What a visit's aid check came to, for the teacher's 1:1 receipt. */
export type AidCheckOutcome = {
  aidStatus: AidStatus | null;
  eligibility: AidEligibility | null;
  /** The student receives aid: only then does the check count or open a follow-up. */
  aided: boolean;
  /** Both recorded: the student counts as checked this term. */
  complete: boolean;
  mismatch: boolean;
  /** A follow-up was opened by this visit (not when one was open already). */
  opened: boolean;
  principalsTold: number;
};

/**
 * Lives beside recordVisit, which calls it (aid-check/ reads the register, not the other way round).
 * After a visit that recorded the aid check (资助/资格): a mismatch for an aided student opens an
 * aid follow-up (one open at a time) and tells the school's principals 1:1 in the sending window,
 * each card audited as their read. Null when the visit recorded nothing of the check.
 */
export async function followUpAidCheck(
  db: Db,
  now: Date,
  o: { visit: HomeVisit; student: StudentWithSchool; teacher: Person; origin: AuditOrigin; timezone: string; present: Pick<MessagePresenter, 'aidNoticeCard'> },
): Promise<AidCheckOutcome | null> {
  const { visit, student, teacher } = o;
  if (visit.aidStatus === null && visit.eligibility === null) return null;
  const aided = student.aid.length > 0;
  const mismatch = aided && isAidMismatch(visit);
  const outcome = { aidStatus: visit.aidStatus, eligibility: visit.eligibility, aided, complete: visit.aidStatus !== null && visit.eligibility !== null, mismatch };
  await audit(db, now, teacher, o.origin, [{ action: 'aid_check', studentId: student.id, detail: `资助核查 ${visit.aidStatus ?? '-'} / ${visit.eligibility ?? '-'}` }]);
  if (!mismatch || (await findOpenAidFollowup(db, student.id))) return { ...outcome, opened: false, principalsTold: 0 };

  await insertAidFollowup(db, { studentId: student.id, visitId: visit.id, openedAt: now });
  const { calendar } = await loadSchoolCalendar(db, o.timezone);
  const principalsTold = await tellPrincipals(db, now, {
    schoolId: student.schoolId,
    actorId: teacher.id,
    studentId: student.id,
    kind: 'aid-notice',
    key: [visit.id],
    sendAt: calendar.nextWindowOpening(now),
    card: (principal) =>
      o.present.aidNoticeCard({
        principalName: principal.name,
        teacherName: teacher.name,
        studentName: student.name,
        className: student.className,
        aidKinds: student.aid,
        visitedOn: visit.visitedOn,
        mode: visit.mode,
        aidStatus: visit.aidStatus,
        eligibility: visit.eligibility,
      }),
    origin: o.origin,
    audited: { action: 'notify_aid', detail: '资助核查提醒' },
  });
  return { ...outcome, opened: true, principalsTold };
}
