import type { Db } from '../../db/database.js';
import type { Person } from '../../db/queries/people.js';
import { findStudentsLike, findStudentsNamed, type StudentWithSchool } from '../../db/queries/students.js';

export type StudentMatch =
  | { kind: 'one'; student: StudentWithSchool }
  /** Never a guess: the person picks, 1:1, from masked names with their class. */
  | { kind: 'choose'; reason: 'ambiguous' | 'unknown'; candidates: StudentWithSchool[] }
  | { kind: 'none' };

const CHOICES = 10;

/**
 * The student a person means by a name or a school-local number: within their own school for its
 * staff (a student of another school is never matched), county-wide for the bureau.
 */
export async function matchStudent(db: Db, person: Pick<Person, 'role' | 'schoolId'>, said: string): Promise<StudentMatch> {
  const schoolId = person.role === 'teacher' || person.role === 'principal' ? person.schoolId : null;
  if ((person.role === 'teacher' || person.role === 'principal') && schoolId === null) return { kind: 'none' };
  const exact = await findStudentsNamed(db, said, schoolId);
  // A number names one student in its school; prefer it over a namesake whose name is those digits.
  const byNumber = exact.filter((s) => s.studentNo === said);
  const named = byNumber.length === 1 ? byNumber : exact;
  if (named.length === 1) return { kind: 'one', student: named[0]! };
  if (named.length > 1) return { kind: 'choose', reason: 'ambiguous', candidates: named.slice(0, CHOICES) };
  if (schoolId === null) return { kind: 'none' };
  const like = await findStudentsLike(db, said, schoolId, CHOICES);
  return like.length > 0 ? { kind: 'choose', reason: 'unknown', candidates: like } : { kind: 'none' };
}
