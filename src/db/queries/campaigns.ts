import { asc, eq } from 'drizzle-orm';
import type { CampaignDefinition } from '../../model/campaign-definition.js';
import type { Db } from '../database.js';
import { campaigns } from '../schema/index.js';

export type Campaign = typeof campaigns.$inferSelect;

export const MONTHLY_CAMPAIGN_CODE = 'monthly-monitoring';

export async function findCampaignByCode(db: Db, code: string): Promise<Campaign | undefined> {
  const [row] = await db.select().from(campaigns).where(eq(campaigns.code, code));
  return row;
}

export async function requireCampaign(db: Db, code: string): Promise<Campaign> {
  const campaign = await findCampaignByCode(db, code);
  if (!campaign) throw new Error(`campaign ${code} is missing: run migrations`);
  return campaign;
}

export async function findCampaignById(db: Db, id: number): Promise<Campaign | undefined> {
  const [row] = await db.select().from(campaigns).where(eq(campaigns.id, id));
  return row;
}

export async function listActiveCampaigns(db: Db): Promise<Campaign[]> {
  return db.select().from(campaigns).where(eq(campaigns.active, true)).orderBy(asc(campaigns.id));
}

export async function listCampaigns(db: Db): Promise<Campaign[]> {
  return db.select().from(campaigns).orderBy(asc(campaigns.id));
}

/** Creates or replaces a campaign's definition by its code; rounds already open keep their times. */
export async function saveCampaign(db: Db, definition: CampaignDefinition, options: { onlyIfMissing?: boolean } = {}) {
  const row = { code: definition.code, title: definition.title, audience: definition.audience, definition, active: definition.active };
  const insert = db.insert(campaigns).values(row);
  const done = options.onlyIfMissing
    ? await insert.onConflictDoNothing({ target: campaigns.code }).returning({ id: campaigns.id })
    : await insert
        .onConflictDoUpdate({ target: campaigns.code, set: { title: row.title, audience: row.audience, definition, active: row.active } })
        .returning({ id: campaigns.id });
  return done.length === 1;
}
