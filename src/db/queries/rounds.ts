import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { campaigns, rounds } from '../schema/index.js';
import type { Campaign } from './campaigns.js';

export type Round = typeof rounds.$inferSelect;

/** Inserts the round unless another tick got there first; only the winner queues the prompts. */
export async function insertRoundOnce(
  db: Db,
  round: { campaignId: number; period: string; opensAt: Date; dueAt: Date; openedAt: Date },
): Promise<Round | undefined> {
  const [row] = await db.insert(rounds).values(round).onConflictDoNothing().returning();
  return row;
}

/** The latest round that has opened by `now`: open, or past its deadline until the next one opens. */
export async function findCurrentRound(db: Db, campaignId: number, now: Date): Promise<Round | undefined> {
  const [row] = await db
    .select()
    .from(rounds)
    .where(and(eq(rounds.campaignId, campaignId), lte(rounds.opensAt, now)))
    .orderBy(desc(rounds.opensAt))
    .limit(1);
  return row;
}

export async function findRoundByPeriod(db: Db, campaignId: number, period: string): Promise<Round | undefined> {
  const [row] = await db
    .select()
    .from(rounds)
    .where(and(eq(rounds.campaignId, campaignId), eq(rounds.period, period)));
  return row;
}

export async function findRoundById(db: Db, id: number): Promise<Round | undefined> {
  const [row] = await db.select().from(rounds).where(eq(rounds.id, id));
  return row;
}

/** The latest rounds that have opened by `now`, newest first. */
export async function listRecentRounds(db: Db, campaignId: number, now: Date, limit: number): Promise<Round[]> {
  return db
    .select()
    .from(rounds)
    .where(and(eq(rounds.campaignId, campaignId), lte(rounds.opensAt, now)))
    .orderBy(desc(rounds.opensAt))
    .limit(limit);
}

/**
 * Every active campaign with its current round at `now` (see findCurrentRound), in one statement
 * instead of one plus one per campaign: read for every message and at every tick.
 */
export async function listActiveCampaignsWithCurrentRound(db: Db, now: Date): Promise<{ campaign: Campaign; round: Round | undefined }[]> {
  const current = db
    .select()
    .from(rounds)
    .where(and(eq(rounds.campaignId, campaigns.id), lte(rounds.opensAt, now)))
    .orderBy(desc(rounds.opensAt))
    .limit(1)
    .as('current');
  const rows = await db
    .select({
      campaign: campaigns,
      round: { id: current.id, campaignId: current.campaignId, period: current.period, opensAt: current.opensAt, dueAt: current.dueAt, openedAt: current.openedAt },
    })
    .from(campaigns)
    .leftJoinLateral(current, sql`true`)
    .where(eq(campaigns.active, true))
    .orderBy(asc(campaigns.id));
  return rows.map(({ campaign, round }) => ({ campaign, round: round ?? undefined }));
}

/** The campaign's rounds of these periods (those that exist), oldest first. */
export async function listRoundsByPeriods(db: Db, campaignId: number, periods: readonly string[]): Promise<Round[]> {
  if (periods.length === 0) return [];
  return db
    .select()
    .from(rounds)
    .where(and(eq(rounds.campaignId, campaignId), inArray(rounds.period, [...periods])))
    .orderBy(asc(rounds.opensAt));
}
