import { and, eq, inArray, isNull, notInArray } from 'drizzle-orm';
import type { Db } from '../database.js';
import { auditLog, students } from '../schema/index.js';

export type Student = typeof students.$inferSelect;
export type StudentFields = Pick<Student, 'schoolId' | 'studentNo' | 'name' | 'className' | 'categories' | 'aid' | 'mentorId'>;

// A multi-row insert stays well under the 65,535 bind parameters one statement may carry.
const INSERT_BATCH = 500;

/** Every student (also those who left) of the given schools. */
export async function findStudentsOfSchools(db: Db, schoolIds: number[]): Promise<Student[]> {
  if (schoolIds.length === 0) return [];
  return db.select().from(students).where(inArray(students.schoolId, schoolIds));
}

/** Creates the students; returns their ids, in the order given. */
export async function insertStudents(db: Db, rows: Array<StudentFields & { updatedAt: Date }>): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    const inserted = await db.insert(students).values(rows.slice(i, i + INSERT_BATCH)).returning({ id: students.id });
    ids.push(...inserted.map((r) => r.id));
  }
  return ids;
}

/** Rewrites a student's fields from the file; a student listed again is no longer marked as left. */
export async function updateStudentFromImport(db: Db, id: number, fields: StudentFields & { updatedAt: Date }): Promise<void> {
  await db
    .update(students)
    .set({ ...fields, leftAt: null })
    .where(eq(students.id, id));
}

/** Marks every student not yet marked as left, except `keepIds`, as left at `now`; returns how many. */
export async function markStudentsLeftExcept(db: Db, keepIds: number[], now: Date): Promise<number> {
  const marked = await db
    .update(students)
    .set({ leftAt: now, updatedAt: now })
    .where(and(isNull(students.leftAt), notInArray(students.id, keepIds)))
    .returning({ id: students.id });
  return marked.length;
}

export type AuditEntry = Omit<typeof auditLog.$inferInsert, 'id'>;

export async function insertAuditEntry(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values(entry);
}
