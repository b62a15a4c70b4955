import type { Db } from '../../db/database.js';
import { listSchoolsWithChats } from '../../db/queries/people.js';
import { findPeopleByOpenIds } from '../../db/queries/roster.js';
import type { StudentFields } from '../../db/queries/student-import.js';
import { studentImportTexts as t } from '../../texts/student-import-texts.js';
import type { StudentProblem, StudentRow } from './student-row.js';

export type ResolvedStudent = StudentFields & { line: number };

type SchoolRef = { id: number; name: string; townName: string };

/**
 * The checks that need the roster: the school named (alone, or as 镇街/学校名 where several towns
 * have one of that name), the mentor (an active teacher or principal of that school), and each
 * (school, 校内编号) once in the file.
 */
export async function resolveStudentRows(db: Db, rows: readonly StudentRow[]): Promise<{ students: ResolvedStudent[]; problems: StudentProblem[] }> {
  const schoolsByName = new Map<string, SchoolRef[]>();
  for (const s of await listSchoolsWithChats(db)) {
    const same = schoolsByName.get(s.name) ?? [];
    schoolsByName.set(s.name, [...same, { id: s.id, name: s.name, townName: s.townName }]);
  }
  const mentorIds = [...new Set(rows.flatMap((r) => (r.mentorOpenId ? [r.mentorOpenId] : [])))];
  const mentors = await findPeopleByOpenIds(db, mentorIds);

  const problems: StudentProblem[] = [];
  const students: ResolvedStudent[] = [];
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    const report = (reason: string) => problems.push({ line: row.line, reason });
    const school = findSchool(schoolsByName, row, report);
    if (!school) continue;
    const key = `${school.id}\u0000${row.studentNo}`;
    const first = firstLine.get(key);
    if (first !== undefined) {
      report(t.duplicateStudent(school.name, row.studentNo, first));
      continue;
    }
    if (row.studentNo !== '') firstLine.set(key, row.line);

    let mentorId: number | null = null;
    if (row.mentorOpenId) {
      const mentor = mentors.get(row.mentorOpenId);
      if (!mentor) report(t.unknownMentor(row.mentorOpenId));
      else if (!mentor.active) report(t.inactiveMentor(row.mentorOpenId, mentor.name));
      else if (mentor.role !== 'teacher' && mentor.role !== 'principal') report(t.mentorNotTeacher(row.mentorOpenId, mentor.name));
      else if (mentor.schoolId !== school.id) report(t.mentorOfOtherSchool(row.mentorOpenId, mentor.name, school.name));
      else mentorId = mentor.id;
      if (mentorId === null) continue;
    }
    students.push({
      line: row.line,
      schoolId: school.id,
      studentNo: row.studentNo,
      name: row.name,
      className: row.className,
      categories: row.categories,
      aid: row.aid,
      mentorId,
    });
  }
  return { students, problems };
}

function findSchool(byName: ReadonlyMap<string, SchoolRef[]>, row: StudentRow, report: (reason: string) => void): SchoolRef | undefined {
  const named = byName.get(row.school) ?? [];
  if (row.town !== null) {
    const inTown = named.find((s) => s.townName === row.town);
    if (!inTown) report(t.unknownTownSchool(row.town, row.school));
    return inTown;
  }
  if (named.length === 0) report(t.unknownSchool(row.school));
  else if (named.length > 1) report(t.ambiguousSchool(row.school, named.map((s) => s.townName).join('、')));
  return named.length === 1 ? named[0] : undefined;
}
