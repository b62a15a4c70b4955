import type { Database } from '../db/database.js';
import { ensureDefaultCampaigns } from '../domain/campaigns/default-campaigns.js';

/** The same on Postgres and PGlite, at every start and by `migrate`: SQL migrations, then default campaigns. */
export async function prepareDatabase(database: Database): Promise<void> {
  await database.migrate();
  await ensureDefaultCampaigns(database.db);
}
