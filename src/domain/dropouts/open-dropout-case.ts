import type { Db } from '../../db/database.js';
import { insertDropoutCase, insertDropoutEvent, lockLastClosedCase, lockOpenCase, updateDropoutCase, type DropoutCase } from '../../db/queries/dropout-cases.js';
import type { Person } from '../../db/queries/people.js';
import { lockStudent, type StudentWithSchool } from '../../db/queries/students.js';
import { DomainError } from '../../errors.js';
import { dropoutTexts } from '../../texts/dropout-texts.js';
import { auditDropout, isStaffOf, type DropoutOrigin } from './dropout-audit.js';

export type OpenedCase = { kind: 'opened' | 'reopened' | 'already-open'; case: DropoutCase };

/**
 * 疑似辍学: opens a case for the child with the reporter responsible, or reopens the child's last
 * closed case (a 'reopened' event, back to 疑似); a case already open is left as it is.
 * In the caller's transaction, the student locked, so two reports at once make one case.
 */
export async function openDropoutCase(
  db: Db,
  now: Date,
  o: { person: Pick<Person, 'id' | 'role' | 'schoolId'>; student: StudentWithSchool; reason: string; visitId: number | null; origin: DropoutOrigin },
): Promise<OpenedCase> {
  const { person, student } = o;
  if (!isStaffOf(person, student.schoolId)) throw new DomainError('not_your_student', dropoutTexts.onlySchoolStaff);
  const locked = await lockStudent(db, student.id);
  if (!locked || locked.leftAt) throw new DomainError('unknown_student', dropoutTexts.onlySchoolStaff);
  const open = await lockOpenCase(db, student.id);
  if (open) return { kind: 'already-open', case: open };
  const last = await lockLastClosedCase(db, student.id);
  let opened: OpenedCase;
  if (last) {
    const reopened = await updateDropoutCase(db, last.id, {
      state: 'suspected',
      responsibleId: person.id,
      reason: o.reason,
      transferredTo: null,
      exemptReason: null,
      exemptApprovedById: null,
      visitId: o.visitId,
      openedAt: now,
      closedAt: null,
      updatedAt: now,
    });
    await insertDropoutEvent(db, { caseId: last.id, kind: 'reopened', fromState: last.state, toState: 'suspected', byId: person.id, note: o.reason, at: now });
    opened = { kind: 'reopened', case: reopened };
  } else {
    const created = await insertDropoutCase(db, {
      studentId: student.id,
      state: 'suspected',
      responsibleId: person.id,
      reason: o.reason,
      visitId: o.visitId,
      openedAt: now,
      updatedAt: now,
    });
    await insertDropoutEvent(db, { caseId: created.id, kind: 'opened', fromState: null, toState: 'suspected', byId: person.id, note: o.reason, at: now });
    opened = { kind: 'opened', case: created };
  }
  const how = opened.kind === 'opened' ? '登记疑似辍学' : '重新打开辍学案例';
  await auditDropout(db, now, person, o.origin, [{ action: 'dropout_change', studentId: student.id, detail: `${how}${o.visitId ? '（家访标记）' : ''}` }]);
  return opened;
}
