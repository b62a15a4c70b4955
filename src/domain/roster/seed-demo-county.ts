import { count } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { people } from '../../db/schema/index.js';
import { buildDemoCounty } from './demo-county.js';
import { importRoster, type RosterImportReport } from './import-roster.js';

export async function isRosterEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(people);
  return (row?.n ?? 0) === 0;
}

/** Loads Mei County's sample schools and staff (marked 示例) so the loop can be tried at once. */
export function seedDemoCounty(db: Db, now: Date): Promise<RosterImportReport> {
  return importRoster(db, now, buildDemoCounty());
}
