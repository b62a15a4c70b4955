import { and, asc, eq, gte, type SQL } from 'drizzle-orm';
import type { Db } from '../database.js';
import { auditLog, people, schools, students } from '../schema/index.js';

/** One audit row as an auditor reads it: who by name and open_id, which student by school and number. */
export type AuditReportRow = {
  id: number;
  at: Date;
  personName: string | null;
  personOpenId: string | null;
  role: string;
  action: string;
  channel: 'chat' | 'card' | 'cli';
  chatId: string | null;
  detail: string | null;
  studentId: number | null;
  schoolName: string | null;
  studentNo: string | null;
  studentName: string | null;
};

/** A student by school and 校内编号, also one who left (the audit outlives the school years). */
export async function findStudentByNumber(db: Db, schoolId: number, studentNo: string): Promise<{ id: number } | undefined> {
  const [row] = await db
    .select({ id: students.id })
    .from(students)
    .where(and(eq(students.schoolId, schoolId), eq(students.studentNo, studentNo)));
  return row;
}

/** A person by open_id, also one no longer active: what they did stays on record. */
export async function findAnyPersonByOpenId(db: Db, openId: string): Promise<{ id: number; name: string } | undefined> {
  const [row] = await db.select({ id: people.id, name: people.name }).from(people).where(eq(people.openId, openId));
  return row;
}

export async function listAuditOfStudent(db: Db, studentId: number, since: Date | null): Promise<AuditReportRow[]> {
  return listAudit(db, and(eq(auditLog.studentId, studentId), since ? gte(auditLog.at, since) : undefined)!);
}

export async function listAuditByPerson(db: Db, personId: number, since: Date | null): Promise<AuditReportRow[]> {
  return listAudit(db, and(eq(auditLog.personId, personId), since ? gte(auditLog.at, since) : undefined)!);
}

/** Oldest first, as a trail is read. */
async function listAudit(db: Db, where: SQL): Promise<AuditReportRow[]> {
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      personName: people.name,
      personOpenId: people.openId,
      role: auditLog.role,
      action: auditLog.action,
      channel: auditLog.channel,
      chatId: auditLog.chatId,
      detail: auditLog.detail,
      studentId: auditLog.studentId,
      schoolName: schools.name,
      studentNo: students.studentNo,
      studentName: students.name,
    })
    .from(auditLog)
    .leftJoin(people, eq(people.id, auditLog.personId))
    .leftJoin(students, eq(students.id, auditLog.studentId))
    .leftJoin(schools, eq(schools.id, students.schoolId))
    .where(where)
    .orderBy(asc(auditLog.at), asc(auditLog.id));
}
