import { aidKinds, studentCategories, type AidKind, type StudentCategory } from '../../db/schema/students.js';
import { hasMarkup } from '../../model/plain-name.js';
import { studentImportTexts as t } from '../../texts/student-import-texts.js';
import type { TableRecord } from '../text/parse-csv-records.js';
import { columnName, readStudentHeader, REQUIRED_STUDENT_COLUMNS, type StudentColumn, type StudentHeader, type StudentProblem } from './student-columns.js';
import { containsNationalId } from './national-id.js';

export type { StudentProblem } from './student-columns.js';

/** One line of a student file as read (it may still have problems of its own); the school is still a name, see resolveStudentRows. */
export type StudentRow = {
  line: number;
  /** The town before a `/` in the school cell (`横渠镇/中心小学`), for a school name several towns have. */
  town: string | null;
  school: string;
  className: string;
  name: string;
  studentNo: string;
  categories: StudentCategory[];
  aid: AidKind[];
  mentorOpenId: string | null;
};

/**
 * The problems found in the file alone, and every row still worth checking against the roster (so
 * that one import lists all of a line's problems); only a file without problems is written.
 */
export type StudentSheet = { rows: StudentRow[]; problems: StudentProblem[] };

// `|` as asked; the full-width ｜ and 、 as a Chinese input method types a list.
const LIST_SEPARATOR = /[|｜、]/;

/**
 * The student file's checks that need no database, shared by CSV and .xlsx: the first non-blank
 * record is the header, every later non-blank one a student. A line holding anything shaped like
 * a national ID, in any column, is reported without repeating it and checked no further.
 */
export function studentsFromRecords(records: readonly TableRecord[]): StudentSheet {
  const nonBlank = records.filter((r) => r.cells.some((cell) => cell.trim() !== ''));
  const [first, ...data] = nonBlank;
  if (!first) return { rows: [], problems: [{ line: 1, reason: t.emptyFile(REQUIRED_STUDENT_COLUMNS.join(',')) }] };
  const header = readStudentHeader(first);
  if (!header.ok) return { rows: [], problems: header.problems };
  if (data.length === 0) return { rows: [], problems: [{ line: first.line, reason: t.noDataRows }] };

  const sheet: StudentSheet = { rows: [], problems: [] };
  for (const record of data) {
    const row = checkRow(record, header.header, (reason) => sheet.problems.push({ line: record.line, reason }));
    if (row) sheet.rows.push(row);
  }
  return sheet;
}

function checkRow({ line, cells }: TableRecord, header: StudentHeader, report: (reason: string) => void): StudentRow | null {
  const idColumns = cells.flatMap((cell, i) => (containsNationalId(cell) ? [i] : []));
  if (idColumns.length > 0) {
    for (const i of idColumns) report(t.idCell(columnName(header, i)));
    return null;
  }
  const cell = (c: StudentColumn): string => {
    const i = header.index.get(c);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };

  const [town, school] = splitSchool(cell('school'));
  const values = { school, class: cell('class'), name: cell('name'), student_no: cell('student_no') };
  const bad = new Set<string>();
  for (const [column, value] of Object.entries(values)) {
    const label = t.columnLabels[column]!;
    if (value === '') report(t.missing(label));
    // Names end up in cards and messages, where these would be markup.
    else if (hasMarkup(value)) report(t.markupIn(label, value));
    else continue;
    bad.add(column);
  }
  if (/\s/.test(values.student_no)) report(t.spaceIn(t.columnLabels.student_no!, values.student_no));
  const mentorOpenId = cell('mentor_open_id');
  const mentorOk = !/\s/.test(mentorOpenId);
  if (!mentorOk) report(t.spaceIn(t.columnLabels.mentor_open_id!, mentorOpenId));
  const categories = readList(cell('categories'), studentCategories, (v) => report(t.unknownCategory(v, studentCategories.join('|'))));
  const aid = readList(cell('aid'), aidKinds, (v) => report(t.unknownAid(v, aidKinds.join('|'))));

  // Without a usable school there is nothing to check against the roster.
  if (bad.has('school')) return null;
  return {
    line,
    town,
    school,
    className: values.class,
    name: values.name,
    studentNo: bad.has('student_no') ? '' : values.student_no,
    categories,
    aid,
    mentorOpenId: mentorOk && mentorOpenId !== '' ? mentorOpenId : null,
  };
}

/** `镇街/学校名` (also with a full-width ／) → [town, school]; a bare name → [null, name]. */
function splitSchool(raw: string): [string | null, string] {
  const at = raw.search(/[/／]/);
  if (at < 0) return [null, raw];
  return [raw.slice(0, at).trim() || null, raw.slice(at + 1).trim()];
}

/** A `|`-separated cell → the known values it names, in the register's own order (so reordering is no change). */
function readList<T extends string>(raw: string, known: readonly T[], unknown: (value: string) => void): T[] {
  const named = new Set<string>();
  for (const part of raw.split(LIST_SEPARATOR)) {
    const value = part.trim();
    if (value === '') continue;
    if ((known as readonly string[]).includes(value)) named.add(value);
    else unknown(value);
  }
  return known.filter((k) => named.has(k));
}
