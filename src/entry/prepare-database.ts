import { systemClock } from '../clock.js';
import type { Database } from '../db/database.js';
import { ensureDefaultCampaigns } from '../domain/campaigns/default-campaigns.js';
import { ensureDefaultFramework } from '../domain/framework/default-framework.js';

/**
 * The same on Postgres and PGlite, at every start and by `migrate`: SQL migrations, then default
 * campaigns, then the example indicator framework if none was ever loaded.
 */
export async function prepareDatabase(database: Database): Promise<void> {
  await database.migrate();
  await ensureDefaultCampaigns(database.db);
  await ensureDefaultFramework(database.db, systemClock.now());
}
