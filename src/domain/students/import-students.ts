import type { Db } from '../../db/database.js';
import { findStudentsOfSchools, insertAuditEntry, insertStudents, markStudentsLeftExcept, updateStudentFromImport, type Student } from '../../db/queries/student-import.js';
import { studentImportTexts as t } from '../../texts/student-import-texts.js';
import { resolveStudentRows, type ResolvedStudent } from './resolve-student-rows.js';
import type { StudentProblem, StudentSheet } from './student-row.js';

export type StudentImportReport = { rows: number; created: number; updated: number; unchanged: number; markedLeft: number };

export type StudentImportOutcome = { ok: true; report: StudentImportReport } | { ok: false; problems: StudentProblem[] };

/** How the CLI appears in the audit log: the server's operator, not a person in the roster. */
export const CLI_AUDIT_ROLE = 'admin-cli';

/**
 * Applies a student file in one transaction, or nothing when any line has a problem (those found
 * while reading the file and those that need the roster, all listed by line). Students are matched
 * by (school, 校内编号); one listed again is no longer marked as left. `prune` marks every student
 * not in the file as left, keeping the row. One audit row records the import.
 */
export async function importStudents(db: Db, now: Date, sheet: StudentSheet, options: { prune: boolean }): Promise<StudentImportOutcome> {
  return db.transaction(async (tx) => {
    const resolved = await resolveStudentRows(tx, sheet.rows);
    const problems = [...sheet.problems, ...resolved.problems].sort((a, b) => a.line - b.line);
    if (problems.length > 0) return { ok: false, problems };

    const wanted = resolved.students;
    const existing = await findStudentsOfSchools(tx, [...new Set(wanted.map((s) => s.schoolId))]);
    const byKey = new Map(existing.map((s) => [studentKey(s), s]));
    const report: StudentImportReport = { rows: wanted.length, created: 0, updated: 0, unchanged: 0, markedLeft: 0 };
    const listedIds: number[] = [];
    const toCreate: ResolvedStudent[] = [];
    for (const student of wanted) {
      const current = byKey.get(studentKey(student));
      if (!current) toCreate.push(student);
      else {
        listedIds.push(current.id);
        if (isUnchanged(current, student)) report.unchanged++;
        else {
          await updateStudentFromImport(tx, current.id, { ...fieldsOf(student), updatedAt: now });
          report.updated++;
        }
      }
    }
    listedIds.push(...(await insertStudents(tx, toCreate.map((s) => ({ ...fieldsOf(s), updatedAt: now })))));
    report.created = toCreate.length;
    if (options.prune) report.markedLeft = await markStudentsLeftExcept(tx, listedIds, now);

    await insertAuditEntry(tx, {
      at: now,
      personId: null,
      role: CLI_AUDIT_ROLE,
      action: 'import_students',
      channel: 'cli',
      detail: t.auditDetail({ ...report, prune: options.prune }),
    });
    return { ok: true, report };
  });
}

const studentKey = (s: { schoolId: number; studentNo: string }) => `${s.schoolId}\u0000${s.studentNo}`;

const fieldsOf = ({ line: _line, ...fields }: ResolvedStudent) => fields;

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

function isUnchanged(current: Student, wanted: ResolvedStudent): boolean {
  return (
    current.leftAt === null &&
    current.name === wanted.name &&
    current.className === wanted.className &&
    current.mentorId === wanted.mentorId &&
    sameList(current.categories, wanted.categories) &&
    sameList(current.aid, wanted.aid)
  );
}
