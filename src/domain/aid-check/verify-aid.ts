import type { Db } from '../../db/database.js';
import { closeAidFollowups } from '../../db/queries/aid-check.js';
import type { Person } from '../../db/queries/people.js';
import type { StudentWithSchool } from '../../db/queries/students.js';
import { DomainError } from '../../errors.js';
import { aidTexts } from '../../texts/aid-texts.js';
import { audit, type AuditOrigin } from '../register/audit.js';
import { worksAtSchoolOf } from '../register/student-access.js';

/**
 * 核实: the school's principal closes a student's open aid follow-ups with what they found or did,
 * logged on the rows and in the audit. Returns how many it closed (0: none was open).
 */
export async function verifyAid(db: Db, now: Date, o: { person: Person; student: StudentWithSchool; note: string; origin: AuditOrigin }): Promise<{ closed: number }> {
  const { person, student } = o;
  if (person.role !== 'principal' || !worksAtSchoolOf(person, student)) throw new DomainError('not_your_student', aidTexts.verifyOnlyPrincipal);
  const closed = await closeAidFollowups(db, student.id, { closedAt: now, closedById: person.id, note: o.note });
  if (closed > 0) await audit(db, now, person, o.origin, [{ action: 'verify_aid', studentId: student.id, detail: `核实资助跟进（${closed} 条）` }]);
  return { closed };
}
