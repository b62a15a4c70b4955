import { tellPrincipals as tellSchoolPrincipals } from '../register/tell-principals.js';
import type { Db } from '../../db/database.js';
import { lockDailyCheck, saveDailyCheckAnswer, type DailyCheck, type DailyCheckAnswer } from '../../db/queries/daily-checks.js';
import type { Person } from '../../db/queries/people.js';
import { changeAlertLevel, findStudent, lockStudent } from '../../db/queries/students.js';
import type { AlertLevel } from '../../db/schema/students.js';
import { DomainError } from '../../errors.js';
import { mentoringTexts as t } from '../../texts/mentoring-texts.js';
import type { SchoolCalendar } from '../calendar/school-calendar.js';
import { isRaise } from '../register/alert-register.js';
import { audit, type AuditOrigin } from '../register/audit.js';
import { maskIdentifiers } from '../text/mask-identifiers.js';
import type { DailyCheckPresenter } from './daily-check-presenter.js';

export type AnsweredCheck = { check: DailyCheck; already: boolean; principalsTold: number };

const NOTE_MAX = 200;

/**
 * A mentor's tap on their card: the answer is stored once (a second tap changes nothing). 需关注
 * puts a child who is 正常 on 关注 (the register row says 每天一问 and who), and tells the school's
 * principals 1:1 inside the sending window, all audited, in the caller's transaction.
 */
export async function answerDailyCheck(
  db: Db,
  now: Date,
  o: { mentor: Person; checkId: number; answer: DailyCheckAnswer; note: string; origin: AuditOrigin; calendar: SchoolCalendar; present: DailyCheckPresenter },
): Promise<AnsweredCheck> {
  const { mentor } = o;
  const check = await lockDailyCheck(db, o.checkId);
  if (!check) throw new DomainError('not_found', t.checkGone);
  if (check.mentorId !== mentor.id) throw new DomainError('not_your_check', t.notYourCheck);
  if (check.answer !== null) return { check, already: true, principalsTold: 0 };
  // A note may carry an ID or a mobile number: masked before it is stored or sent on.
  const trimmed = o.note.trim().slice(0, NOTE_MAX);
  const note = trimmed ? maskIdentifiers(trimmed).text : null;
  await saveDailyCheckAnswer(db, check.id, { answer: o.answer, note, answeredAt: now });
  const answered: DailyCheck = { ...check, answer: o.answer, note, answeredAt: now };
  const answerName = o.answer === 'ok' ? t.ok : t.concern;
  const acts: Parameters<typeof audit>[4] = [{ action: 'daily_check', studentId: check.studentId, detail: t.auditAnswer(check.day, answerName, note) }];
  let principalsTold = 0;
  if (o.answer === 'concern') {
    const level = await raiseToWatch(db, now, { check, mentor, note });
    if (level.changed) acts.push({ action: 'alert_change', studentId: check.studentId, detail: `${level.from} → ${level.to}` });
    principalsTold = await tellPrincipals(db, now, { ...o, check, note, level: level.to });
  }
  await audit(db, now, mentor, o.origin, acts);
  return { check: answered, already: false, principalsTold };
}

/** 正常 → 关注 (a child on 关注 or 预警 stays where they are): as a visit's non-urgent flag raises. */
async function raiseToWatch(db: Db, now: Date, o: { check: DailyCheck; mentor: Person; note: string | null }) {
  const locked = await lockStudent(db, o.check.studentId);
  if (!locked) throw new DomainError('unknown_student', t.checkGone);
  const from: AlertLevel = locked.alertLevel;
  const to: AlertLevel = from === 'normal' ? 'watch' : from;
  if (!isRaise(from, to)) return { from, to, changed: false };
  await changeAlertLevel(db, { studentId: locked.id, fromLevel: from, toLevel: to, reason: t.concernReason(o.note), byId: o.mentor.id, visitId: null, at: now });
  return { from, to, changed: true };
}

async function tellPrincipals(
  db: Db,
  now: Date,
  o: { mentor: Person; check: DailyCheck; note: string | null; level: AlertLevel; origin: AuditOrigin; calendar: SchoolCalendar; present: DailyCheckPresenter },
): Promise<number> {
  const student = await findStudent(db, o.check.studentId);
  if (!student) return 0;
  return tellSchoolPrincipals(db, now, {
    schoolId: student.schoolId,
    actorId: o.mentor.id,
    studentId: student.id,
    kind: 'daily-concern',
    key: [o.check.id],
    // Within the sending window: at once in school hours, else when it next opens.
    sendAt: o.calendar.nextWindowOpening(now),
    card: (principal) =>
      o.present.concernNoticeCard({
        principalName: principal.name,
        teacherName: o.mentor.name,
        studentName: student.name,
        className: student.className,
        day: o.check.day,
        note: o.note,
        level: o.level,
      }),
    origin: o.origin,
    audited: { action: 'notify_alert', detail: t.concernTitle },
  });
}
