import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../src/db/database.js';
import { people } from '../../src/db/schema/index.js';
import { generateRegion } from '../../src/cli/generate/write-synthetic-region.js';
import type { RegionSize } from '../../src/cli/generate/synthetic-region.js';

export type BenchTeacher = { openId: string; personId: number };

/**
 * A roster of `size` from the generator (`npm run cli -- generate`), without history: the bench
 * opens the round it measures itself. Returns the teachers in a stable order.
 */
export async function seedBenchRoster(db: Db, size: RegionSize, now: Date): Promise<BenchTeacher[]> {
  await generateRegion(db, { size, seed: 1, years: 0, now, timezone: 'Asia/Shanghai' });
  return db.select({ openId: people.openId, personId: people.id }).from(people).where(eq(people.role, 'teacher')).orderBy(asc(people.id));
}
