import type { Db } from '../../db/database.js';
import { seedDemoSchoolCalendar } from '../calendar/demo-school-calendar.js';
import { importStudents } from '../students/import-students.js';
import { buildDemoCounty } from './demo-county.js';
import { buildDemoStudents } from './demo-students.js';
import { importRoster, type RosterImportReport } from './import-roster.js';

export type DemoSeedReport = RosterImportReport & { calendarPeriods: number; students: number };

/**
 * Loads Mei County's sample schools, staff and students (marked 示例) so the loop and a home visit
 * can be tried at once, and, when no school calendar is stored yet, the example 2026–27 terms and
 * vacations (also 示例). Seeding again changes nothing.
 */
export async function seedDemoCounty(db: Db, now: Date): Promise<DemoSeedReport> {
  const roster = await importRoster(db, now, buildDemoCounty());
  const students = await importStudents(db, now, { rows: buildDemoStudents(), problems: [] }, { prune: false });
  // The demo's own rows cannot be refused; if they were, that is a bug to see, not to skip.
  if (!students.ok) throw new Error(`demo students refused: ${JSON.stringify(students.problems.slice(0, 3))}`);
  return { ...roster, calendarPeriods: await seedDemoSchoolCalendar(db), students: students.report.created };
}
