import type { Db } from '../database.js';
import { jobRuns } from '../schema/index.js';

/** Claims a scheduled step; false when it was already done (by this or another process). */
export async function claimJobRun(db: Db, key: string, now: Date, outcome: string, detail?: unknown): Promise<boolean> {
  const inserted = await db
    .insert(jobRuns)
    .values({ key, ranAt: now, outcome, detail: detail ?? null })
    .onConflictDoNothing()
    .returning({ key: jobRuns.key });
  return inserted.length === 1;
}
