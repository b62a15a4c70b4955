import type { Db } from '../../db/database.js';
import type { Person } from '../../db/queries/people.js';
import { changeAlertLevel, hasVisited, lockStudent, type StudentWithSchool } from '../../db/queries/students.js';
import type { AlertLevel } from '../../db/schema/students.js';
import { DomainError } from '../../errors.js';
import { studentTexts } from '../../texts/student-texts.js';
import { audit, type AuditOrigin } from './audit.js';
import { worksAtSchoolOf } from './student-access.js';

/**
 * 解除预警: the student goes back to 正常, with the reason and who said so. The school's principal,
 * or a teacher who mentors or has visited the child (one who knows them), may do it.
 */
export async function clearAlert(
  db: Db,
  now: Date,
  o: { person: Person; student: StudentWithSchool; reason: string; origin: AuditOrigin },
): Promise<{ from: AlertLevel }> {
  const { person, student } = o;
  if (!worksAtSchoolOf(person, student)) throw new DomainError('not_your_student', studentTexts.clearNotAllowed);
  if (person.role === 'teacher' && student.mentorId !== person.id && !(await hasVisited(db, person.id, student.id))) {
    throw new DomainError('not_your_student', studentTexts.clearNotAllowed);
  }
  const locked = await lockStudent(db, student.id);
  if (!locked || locked.leftAt) throw new DomainError('unknown_student', studentTexts.chooseGone);
  const from = locked.alertLevel;
  if (from === 'normal') return { from };
  await changeAlertLevel(db, { studentId: student.id, fromLevel: from, toLevel: 'normal', reason: o.reason, byId: person.id, visitId: null, at: now });
  await audit(db, now, person, o.origin, [{ action: 'alert_change', studentId: student.id, detail: `${from} → normal（解除预警）` }]);
  return { from };
}
