import { studentImportTexts as t } from '../../texts/student-import-texts.js';
import type { TableRecord } from '../text/parse-csv-records.js';
import { containsNationalId, isNationalIdHeader } from './national-id.js';

export type StudentColumn = 'school' | 'class' | 'name' | 'student_no' | 'categories' | 'aid' | 'mentor_open_id';

/** The columns a file must have; `mentor_open_id` may be left out (no mentors). */
export const REQUIRED_STUDENT_COLUMNS = ['school', 'class', 'name', 'student_no', 'categories', 'aid'] as const;

/** A problem of one line of the file; `reason` is shown to bureau staff as-is, in short Simplified Chinese. */
export type StudentProblem = { line: number; reason: string };

/** Where each known column is, and every header cell as the admin wrote it (for naming columns in messages). */
export type StudentHeader = { index: ReadonlyMap<StudentColumn, number>; names: readonly string[] };

// A Map, not an object literal, so a cell like "constructor" can't hit Object.prototype.
// Keys are folded as in foldKey: NFKC, no spaces, lower case (so 帮扶教师 OPEN_ID matches too).
const COLUMN_ALIASES = new Map<string, StudentColumn>([
  ['school', 'school'],
  ['学校', 'school'],
  ['class', 'class'],
  ['class_name', 'class'],
  ['班级', 'class'],
  ['name', 'name'],
  ['姓名', 'name'],
  ['学生姓名', 'name'],
  ['student_no', 'student_no'],
  ['校内编号', 'student_no'],
  ['categories', 'categories'],
  ['类别', 'categories'],
  ['aid', 'aid'],
  ['资助', 'aid'],
  ['mentor_open_id', 'mentor_open_id'],
  ['帮扶教师open_id', 'mentor_open_id'],
]);

const foldKey = (raw: string): string => raw.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/** `第 3 列「备注」`, or just `第 3 列` when the header itself must not be repeated. */
export function columnName(header: StudentHeader, i: number): string {
  const name = header.names[i] ?? '';
  return t.columnNamed(i + 1, containsNationalId(name) ? '' : name.trim());
}

/**
 * The header row: English or Chinese column names in any order, extra columns ignored — unless a
 * column is (or its header holds) a national ID or 学籍号, which refuses the whole file.
 */
export function readStudentHeader(record: TableRecord): { ok: true; header: StudentHeader } | { ok: false; problems: StudentProblem[] } {
  const { line, cells } = record;
  const header: StudentHeader = { index: new Map(), names: cells };
  const index = header.index as Map<StudentColumn, number>;
  const duplicated = new Set<StudentColumn>();
  const problems: StudentProblem[] = [];
  cells.forEach((raw, i) => {
    if (isNationalIdHeader(raw) || containsNationalId(raw)) {
      problems.push({ line, reason: t.idColumn(columnName(header, i)) });
      return;
    }
    const known = COLUMN_ALIASES.get(foldKey(raw));
    if (!known) return; // extra columns are allowed and ignored (but still searched for IDs)
    if (index.has(known)) duplicated.add(known);
    else index.set(known, i);
  });
  const missing = REQUIRED_STUDENT_COLUMNS.filter((c) => !index.has(c));
  if (missing.length > 0) {
    problems.push({ line, reason: t.missingColumns(missing.map((c) => t.columnLabels[c]).join('、'), REQUIRED_STUDENT_COLUMNS.join(',')) });
  }
  if (duplicated.size > 0) problems.push({ line, reason: t.duplicateColumns([...duplicated].map((c) => t.columnLabels[c]).join('、')) });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, header };
}
