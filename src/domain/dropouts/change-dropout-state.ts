import type { Db } from '../../db/database.js';
import { findStaffNamed, insertDropoutEvent, insertPersuasionAttempt, lockOpenCase, updateDropoutCase, type DropoutCase } from '../../db/queries/dropout-cases.js';
import type { Person } from '../../db/queries/people.js';
import type { StudentWithSchool } from '../../db/queries/students.js';
import type { DropoutState, persuasionMethods } from '../../db/schema/children-followup.js';
import { DomainError } from '../../errors.js';
import { dropoutStateNames as names, dropoutTexts as t, persuasionMethodNames } from '../../texts/dropout-texts.js';
import { auditDropout, isStaffOf, type DropoutOrigin } from './dropout-audit.js';
import { checkDropoutTransition, isClosedState } from './dropout-transitions.js';

type Actor = Pick<Person, 'id' | 'role' | 'schoolId'>;
type Common = { person: Actor; student: StudentWithSchool; origin: DropoutOrigin };

async function openCaseOf(db: Db, student: StudentWithSchool): Promise<DropoutCase> {
  const open = await lockOpenCase(db, student.id);
  if (!open) throw new DomainError('no_dropout_case', t.noOpenCase);
  return open;
}

/**
 * `状态 张小明 已转学 横渠镇中心小学`: moves the open case by the one table (dropout-transitions),
 * refusing a move it does not hold with the moves it does. `expected` (a card's button) refuses a
 * click on a card older than the case's state. Every move is an event and an audit row.
 */
export async function changeDropoutState(
  db: Db,
  now: Date,
  o: Common & { to: DropoutState; transferredTo?: string | null; exemptReason?: string | null; expected?: { caseId: number; from: DropoutState } },
): Promise<{ from: DropoutState; case: DropoutCase }> {
  const { person, student, to } = o;
  const ownSchool = person.schoolId === student.schoolId;
  if (!ownSchool && person.role !== 'bureau') throw new DomainError('not_your_student', t.onlySchoolStaff);
  const open = await openCaseOf(db, student);
  if (o.expected && (o.expected.caseId !== open.id || o.expected.from !== open.state)) throw new DomainError('dropout_stale', t.cardStale);
  const from = open.state;
  const check = checkDropoutTransition(from, to, { role: person.role, ownSchool });
  if (!check.ok && check.reason === 'invalid') {
    throw new DomainError('dropout_invalid_move', t.invalidMove(names[from], names[to], check.allowed.map((s) => names[s]).join('、')));
  }
  if (!check.ok) throw new DomainError('not_your_student', check.by === 'approver' ? t.approverOnly : t.staffOnly);
  if (to === 'transferred' && !o.transferredTo) throw new DomainError('missing_field', t.transferNeedsSchool);
  if (to === 'exempted' && !o.exemptReason) throw new DomainError('missing_field', t.exemptNeedsReason);
  const closing = isClosedState(to);
  const changed = await updateDropoutCase(db, open.id, {
    state: to,
    updatedAt: now,
    ...(closing ? { closedAt: now } : {}),
    ...(to === 'transferred' ? { transferredTo: o.transferredTo! } : {}),
    ...(to === 'exempted' ? { exemptReason: o.exemptReason!, exemptApprovedById: person.id } : {}),
  });
  const note = to === 'transferred' ? o.transferredTo! : to === 'exempted' ? o.exemptReason! : null;
  await insertDropoutEvent(db, { caseId: open.id, kind: 'state', fromState: from, toState: to, byId: person.id, note, at: now });
  await auditDropout(db, now, person, o.origin, [{ action: 'dropout_change', studentId: student.id, detail: `辍学案例 ${names[from]} → ${names[to]}` }]);
  return { from, case: changed };
}

/** `劝返 张小明 电话 家长同意下周一送回`: one attempt on the open case, dated today. */
export async function logPersuasion(
  db: Db,
  now: Date,
  o: Common & { method: (typeof persuasionMethods)[number]; result: string; today: string },
): Promise<DropoutCase> {
  if (!isStaffOf(o.person, o.student.schoolId)) throw new DomainError('not_your_student', t.onlySchoolStaff);
  const open = await openCaseOf(db, o.student);
  await insertPersuasionAttempt(db, { caseId: open.id, byId: o.person.id, attemptedOn: o.today, method: o.method, result: o.result, at: now });
  const touched = await updateDropoutCase(db, open.id, { updatedAt: now });
  await auditDropout(db, now, o.person, o.origin, [{ action: 'dropout_change', studentId: o.student.id, detail: `劝返（${persuasionMethodNames[o.method]}）` }]);
  return touched;
}

/** `负责 张小明 王老师`: the principal makes another teacher of the school answerable for the case. */
export async function reassignDropoutCase(
  db: Db,
  now: Date,
  o: Common & { teacherName: string },
): Promise<{ case: DropoutCase; teacher: { id: number; name: string } }> {
  if (!(o.person.role === 'principal' && o.person.schoolId === o.student.schoolId)) throw new DomainError('not_your_student', t.reassignOnlyPrincipal);
  const [teacher] = await findStaffNamed(db, o.student.schoolId, o.teacherName);
  if (!teacher) throw new DomainError('unknown_person', t.noSuchTeacher);
  const open = await openCaseOf(db, o.student);
  const changed = await updateDropoutCase(db, open.id, { responsibleId: teacher.id, updatedAt: now });
  await insertDropoutEvent(db, { caseId: open.id, kind: 'reassigned', fromState: open.state, toState: open.state, byId: o.person.id, note: teacher.name, at: now });
  await auditDropout(db, now, o.person, o.origin, [{ action: 'dropout_change', studentId: o.student.id, detail: `辍学案例责任人改为 ${teacher.name}` }]);
  return { case: changed, teacher };
}
