import type { Db } from '../../db/database.js';
import { buildDemoCounty } from './demo-county.js';
import { importRoster, type RosterImportReport } from './import-roster.js';

/** Loads Mei County's sample schools and staff (marked 示例) so the loop can be tried at once. */
export function seedDemoCounty(db: Db, now: Date): Promise<RosterImportReport> {
  return importRoster(db, now, buildDemoCounty());
}
