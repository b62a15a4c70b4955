import type { Db } from '../../db/database.js';
import type { Person } from '../../db/queries/people.js';
import {
  findPeopleNames,
  hasVisited,
  listAlertChangesOf,
  listVisitsOf,
  type AlertChange,
  type HomeVisit,
  type StudentWithSchool,
} from '../../db/queries/students.js';
import { DomainError } from '../../errors.js';
import { studentTexts } from '../../texts/student-texts.js';
import { audit, type AuditOrigin } from './audit.js';
import { studentViewFor } from './student-access.js';

export type StudentReading =
  | { view: 'basic'; student: StudentWithSchool; mentorName: string | null }
  | {
      view: 'detail';
      student: StudentWithSchool;
      mentorName: string | null;
      visits: (HomeVisit & { teacherName: string })[];
      alertChanges: (AlertChange & { byName: string | null })[];
    };

const SHOWN_VISITS = 5;
const SHOWN_CHANGES = 5;

/**
 * What the person may read of a student, 1:1 — refused when nothing — and the audit row of the
 * read, in the same transaction: no detail leaves without its row.
 */
export async function readStudent(db: Db, now: Date, o: { person: Person; student: StudentWithSchool; origin: AuditOrigin }): Promise<StudentReading> {
  const { person, student } = o;
  const visited = person.role === 'teacher' && person.schoolId === student.schoolId ? await hasVisited(db, person.id, student.id) : false;
  const view = studentViewFor(person, student, { visited });
  if (view === 'none') throw new DomainError('not_your_student', studentTexts.noAccess);
  const mentorName = student.mentorId ? ((await findPeopleNames(db, [student.mentorId])).get(student.mentorId) ?? null) : null;
  await audit(db, now, person, o.origin, [{ action: 'read_student', studentId: student.id, detail: view === 'detail' ? '查看详情' : '查看姓名班级' }]);
  if (view === 'basic') return { view, student, mentorName };
  const [visits, alertChanges] = await Promise.all([listVisitsOf(db, student.id, SHOWN_VISITS), listAlertChangesOf(db, student.id, SHOWN_CHANGES)]);
  return { view, student, mentorName, visits, alertChanges };
}
