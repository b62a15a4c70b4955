import type { Db } from '../../db/database.js';
import { seedDemoSchoolCalendar } from '../calendar/demo-school-calendar.js';
import { buildDemoCounty } from './demo-county.js';
import { importRoster, type RosterImportReport } from './import-roster.js';

export type DemoSeedReport = RosterImportReport & { calendarPeriods: number };

/**
 * Loads Mei County's sample schools and staff (marked 示例) so the loop can be tried at once, and,
 * when no school calendar is stored yet, the example 2026–27 terms and vacations (also 示例).
 */
export async function seedDemoCounty(db: Db, now: Date): Promise<DemoSeedReport> {
  const roster = await importRoster(db, now, buildDemoCounty());
  return { ...roster, calendarPeriods: await seedDemoSchoolCalendar(db) };
}
