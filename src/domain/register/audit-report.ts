import type { Db } from '../../db/database.js';
import { findAnyPersonByOpenId, findStudentByNumber, listAuditByPerson, listAuditOfStudent, type AuditReportRow } from '../../db/queries/audit-report.js';
import { listSchoolsWithChats } from '../../db/queries/people.js';
import { auditTexts as t } from '../../texts/audit-texts.js';
import { dateParts } from '../calendar/local-date.js';
import { maskStudentName } from '../students/mask-name.js';
import { zonedInstant } from '../time/zoned-time.js';
import { audit } from './audit.js';

/** `学校/校内编号`, or `镇街/学校/校内编号` where two towns have a school of that name. */
export type StudentRef = { town: string | null; school: string; studentNo: string };

export type AuditQuery = { student: StudentRef } | { personOpenId: string };

/** A row as the report shows it: the student's name masked, even for the admin at the server. */
export type AuditTrailRow = Omit<AuditReportRow, 'studentName' | 'id'> & { studentName: string | null };

export type AuditTrail = { ok: true; rows: AuditTrailRow[] } | { ok: false; problem: string };

export function parseStudentRef(value: string): StudentRef | undefined {
  const parts = value.split('/').map((p) => p.trim());
  if (parts.some((p) => p === '') || parts.length < 2 || parts.length > 3) return undefined;
  const [studentNo, school, town] = parts.reverse() as [string, string, string | undefined];
  return { town: town ?? null, school, studentNo };
}

/** The instant a local day starts, or undefined for anything but a real `YYYY-MM-DD`. */
export function startOfLocalDay(date: string, timeZone: string): Date | undefined {
  const p = dateParts(date);
  return p ? zonedInstant(timeZone, { ...p, hour: 0, minute: 0 }) : undefined;
}

/**
 * The audit trail of a student or of a person, oldest first, and the audit row of this reading,
 * in one transaction: reading who saw a child's data is itself a look at it.
 */
export async function readAuditTrail(db: Db, now: Date, o: { query: AuditQuery; since: string | null; timeZone: string }): Promise<AuditTrail> {
  const since = o.since === null ? null : (startOfLocalDay(o.since, o.timeZone) ?? null);
  return db.transaction(async (tx): Promise<AuditTrail> => {
    let rows: AuditReportRow[];
    let studentId: number | null = null;
    let what: string;
    if ('student' in o.query) {
      const ref = o.query.student;
      const school = await findSchoolOf(tx, ref);
      if (!school.ok) return school;
      const student = await findStudentByNumber(tx, school.id, ref.studentNo);
      if (!student) return { ok: false, problem: t.unknownStudent(school.label, ref.studentNo) };
      studentId = student.id;
      rows = await listAuditOfStudent(tx, student.id, since);
      what = t.readOfStudent(school.label, ref.studentNo);
    } else {
      const person = await findAnyPersonByOpenId(tx, o.query.personOpenId);
      if (!person) return { ok: false, problem: t.unknownPerson(o.query.personOpenId) };
      rows = await listAuditByPerson(tx, person.id, since);
      what = t.readOfPerson(person.name, o.query.personOpenId);
    }
    await audit(tx, now, 'cli', { channel: 'cli' }, [{ action: 'read_audit', studentId, detail: t.readDetail(what, o.since) }]);
    return { ok: true, rows: rows.map(({ id: _id, studentName, ...row }) => ({ ...row, studentName: studentName === null ? null : maskStudentName(studentName) })) };
  });
}

/** The school named as import-students names it: alone, or as 镇街/学校 where the name is not unique. */
async function findSchoolOf(db: Db, ref: StudentRef): Promise<{ ok: true; id: number; label: string } | { ok: false; problem: string }> {
  const named = (await listSchoolsWithChats(db)).filter((s) => s.name === ref.school);
  if (ref.town !== null) {
    const inTown = named.find((s) => s.townName === ref.town);
    return inTown ? { ok: true, id: inTown.id, label: `${ref.town}/${ref.school}` } : { ok: false, problem: t.unknownTownSchool(ref.town, ref.school) };
  }
  if (named.length === 0) return { ok: false, problem: t.unknownSchool(ref.school) };
  if (named.length > 1) return { ok: false, problem: t.ambiguousSchool(ref.school, named.map((s) => s.townName).join('、')) };
  return { ok: true, id: named[0]!.id, label: ref.school };
}
