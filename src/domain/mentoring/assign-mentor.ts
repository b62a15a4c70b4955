import type { Db } from '../../db/database.js';
import { findStaffNamed, setMentor } from '../../db/queries/daily-checks.js';
import type { Person } from '../../db/queries/people.js';
import { findPeopleNames, lockStudent, type StudentWithSchool } from '../../db/queries/students.js';
import { DomainError } from '../../errors.js';
import { mentoringTexts as t } from '../../texts/mentoring-texts.js';
import { studentTexts } from '../../texts/student-texts.js';
import { audit, type AuditOrigin } from '../register/audit.js';

export type AssignedMentor = { mentor: { id: number; name: string }; before: string | null; changed: boolean };

/**
 * 帮扶: the school's principal makes an active teacher of the same school the student's mentor
 * (一对一帮扶), replacing any other; audited with the names before and after.
 */
export async function assignMentor(
  db: Db,
  now: Date,
  o: { principal: Person; student: StudentWithSchool; teacherName: string; origin: AuditOrigin },
): Promise<AssignedMentor> {
  const { principal, student } = o;
  if (principal.role !== 'principal' || principal.schoolId !== student.schoolId) throw new DomainError('not_your_student', t.assignOnlyPrincipal);
  const staff = await findStaffNamed(db, student.schoolId, o.teacherName);
  if (staff.length === 0) throw new DomainError('unknown_teacher', t.teacherNotFound(o.teacherName));
  if (staff.length > 1) throw new DomainError('ambiguous_teacher', t.teacherAmbiguous(o.teacherName));
  const mentor = staff[0]!;
  const locked = await lockStudent(db, student.id);
  if (!locked || locked.leftAt) throw new DomainError('unknown_student', studentTexts.chooseGone);
  if (locked.mentorId === mentor.id) return { mentor, before: mentor.name, changed: false };
  const before = locked.mentorId === null ? null : ((await findPeopleNames(db, [locked.mentorId])).get(locked.mentorId) ?? null);
  await setMentor(db, { studentId: student.id, mentorId: mentor.id, at: now });
  await audit(db, now, principal, o.origin, [{ action: 'assign_mentor', studentId: student.id, detail: t.assignDetail(before, mentor.name) }]);
  return { mentor, before, changed: true };
}
