import { tellPrincipals } from './tell-principals.js';
import type { Db } from '../../db/database.js';
import type { Person } from '../../db/queries/people.js';
import { changeAlertLevel, insertHomeVisit, lockStudent, type HomeVisit, type StudentWithSchool } from '../../db/queries/students.js';
import type { AlertLevel, RiskFlag, VisitMode } from '../../db/schema/students.js';
import { DomainError } from '../../errors.js';
import { dropoutTexts } from '../../texts/dropout-texts.js';
import { studentTexts } from '../../texts/student-texts.js';
import { followUpAidCheck, type AidCheckOutcome } from './follow-up-aid-check.js';
import { loadSchoolCalendar } from '../calendar/load-school-calendar.js';
import { openDropoutCase } from '../dropouts/open-dropout-case.js';
import type { MessagePresenter } from '../messages/message-presenter.js';
import type { AidEligibility, AidStatus } from '../visits/read-aid-check.js';
import { isRaise, levelAfterVisit } from './alert-register.js';
import { audit, type AuditOrigin } from './audit.js';
import { worksAtSchoolOf } from './student-access.js';

/** A visit as the teacher described it (text or form), already read and masked. */
export type VisitReport = { mode: VisitMode; findings: string; measures: string | null; risks: RiskFlag[]; visitedOn: string; aidStatus?: AidStatus | null; eligibility?: AidEligibility | null };

export type RecordedVisit = {
  visit: HomeVisit;
  student: StudentWithSchool;
  levelBefore: AlertLevel;
  levelAfter: AlertLevel;
  /** Principals told of a raise (1:1, in the sending window); 0 when the level did not rise. */
  principalsTold: number;
  /** The aid check (资助/资格) when the visit recorded it. */
  aidCheck: AidCheckOutcome | null;
};

/**
 * Stores a visit to a student of the teacher's own school, with everything it implies, in the
 * caller's transaction: the alert register moves (a row saying who and why), the school's
 * principals get a card when a child is put on it, and the audit log gets the visit and the change.
 */
export async function recordVisit(
  db: Db,
  now: Date,
  o: {
    teacher: Person;
    student: StudentWithSchool;
    report: VisitReport;
    origin: AuditOrigin;
    timezone: string;
    present: Pick<MessagePresenter, 'alertNoticeCard' | 'aidNoticeCard'>;
  },
): Promise<RecordedVisit> {
  const { teacher, report } = o;
  if (!worksAtSchoolOf(teacher, o.student)) throw new DomainError('not_your_student', studentTexts.visitOnlySchoolStaff);
  // Locked first, so two visits at once move the register one after the other.
  const locked = await lockStudent(db, o.student.id);
  if (!locked || locked.leftAt) throw new DomainError('unknown_student', studentTexts.chooseGone);
  const student = { ...o.student, ...locked };
  const visit = await insertHomeVisit(db, { studentId: student.id, teacherId: teacher.id, ...report, recordedAt: now });
  const levelBefore = student.alertLevel;
  const levelAfter = levelAfterVisit(levelBefore, report.risks);
  const acts: Parameters<typeof audit>[4] = [{ action: 'record_visit', studentId: student.id, detail: `家访 ${report.visitedOn} ${report.mode}，风险：${report.risks.join('、') || '无'}` }];
  let principalsTold = 0;
  if (levelAfter !== levelBefore) {
    await changeAlertLevel(db, { studentId: student.id, fromLevel: levelBefore, toLevel: levelAfter, reason: report.risks.join('、'), byId: teacher.id, visitId: visit.id, at: now });
    acts.push({ action: 'alert_change', studentId: student.id, detail: `${levelBefore} → ${levelAfter}` });
  }
  if (isRaise(levelBefore, levelAfter) && levelAfter !== 'normal') {
    // Within the sending window: at once in school hours, else when it next opens.
    const { calendar } = await loadSchoolCalendar(db, o.timezone);
    principalsTold = await tellPrincipals(db, now, {
      schoolId: student.schoolId,
      actorId: teacher.id,
      studentId: student.id,
      kind: 'alert-notice',
      key: [visit.id],
      sendAt: calendar.nextWindowOpening(now),
      card: (principal) =>
        o.present.alertNoticeCard({
          principalName: principal.name,
          teacherName: teacher.name,
          studentName: student.name,
          className: student.className,
          level: levelAfter,
          risks: report.risks,
          visitedOn: report.visitedOn,
          mode: report.mode,
          findings: report.findings,
          measures: report.measures,
        }),
      origin: o.origin,
      audited: { action: 'notify_alert', detail: `预警提醒（${levelAfter}）` },
    });
  }
  await audit(db, now, teacher, o.origin, acts);
  // 控辍保学: a visit flagged 辍学风险 opens (or reopens) a 疑似 case, the visiting teacher responsible.
  if (report.risks.includes('辍学风险')) await openDropoutCase(db, now, { person: teacher, student, reason: dropoutTexts.fromVisit(report.visitedOn), visitId: visit.id, origin: o.origin });
  const aidCheck = await followUpAidCheck(db, now, { visit, student, teacher, origin: o.origin, timezone: o.timezone, present: o.present });
  return { visit, student, levelBefore, levelAfter, principalsTold, aidCheck };
}
