import type { Person } from '../../db/queries/people.js';
import type { Student } from '../../db/queries/students.js';

/**
 * What a person may see of a student, 1:1 (in a group chat nobody sees more than counts and a
 * masked name): `detail` is categories, aid, alert status and visits; `basic` the name and class.
 *
 * | teacher   | own school: basic; detail of students they mentor or visited |
 * | principal | own school: detail                                            |
 * | bureau, admin | every school: detail, on request                          |
 */
export type StudentView = 'detail' | 'basic' | 'none';

export function studentViewFor(person: Pick<Person, 'id' | 'role' | 'schoolId'>, student: Pick<Student, 'schoolId' | 'mentorId'>, o: { visited: boolean }): StudentView {
  switch (person.role) {
    case 'bureau':
    case 'admin':
      return 'detail';
    case 'principal':
      return person.schoolId === student.schoolId ? 'detail' : 'none';
    case 'teacher':
      if (person.schoolId !== student.schoolId) return 'none';
      return student.mentorId === person.id || o.visited ? 'detail' : 'basic';
  }
}

/** Who records visits and clears alerts: the school's own staff. */
export const worksAtSchoolOf = (person: Pick<Person, 'role' | 'schoolId'>, student: Pick<Student, 'schoolId'>) =>
  (person.role === 'teacher' || person.role === 'principal') && person.schoolId === student.schoolId;
