import { buildCheckInPromptCard } from '../cards/check-in-prompt-card.js';
import type { Db } from '../db/client.js';
import { enqueueMessages, outboxKey } from '../db/queries/outbox.js';
import { listSchoolsWithChats } from '../db/queries/people.js';
import { insertRoundOnce, MONTHLY_CAMPAIGN_CODE, requireCampaign } from '../db/queries/rounds.js';
import { latestOpenedRoundTimes } from '../domain/rounds/monthly-schedule.js';
import { formatLocal } from '../domain/time/zoned-time.js';

export type OpenRoundsReport = { opened: { period: string; prompts: number }[]; skipped: string[] };

/**
 * Opens the latest round whose opening time has come, once, and queues one prompt card per school
 * chat in the same transaction. A round already past its deadline is never opened: a new
 * installation does not flood chats with old months.
 */
export async function openDueRounds(db: Db, now: Date, timezone: string): Promise<OpenRoundsReport> {
  const report: OpenRoundsReport = { opened: [], skipped: [] };
  const campaign = await requireCampaign(db, MONTHLY_CAMPAIGN_CODE);
  const times = latestOpenedRoundTimes(campaign.schedule, now, timezone);
  if (now.getTime() >= times.dueAt.getTime()) {
    report.skipped.push(`${times.period}: deadline passed before it was opened`);
    return report;
  }
  await db.transaction(async (tx) => {
    const round = await insertRoundOnce(tx, { campaignId: campaign.id, ...times, openedAt: now });
    if (!round) return;
    const due = formatLocal(round.dueAt, timezone);
    const schools = await listSchoolsWithChats(tx);
    const prompts = await enqueueMessages(
      tx,
      now,
      schools.map((school) => ({
        key: outboxKey('prompt', round.id, school.id),
        kind: 'check-in-prompt',
        to: { chatId: school.chatId },
        msgType: 'interactive' as const,
        content: buildCheckInPromptCard({ period: round.period, due, roundId: round.id }),
        notBefore: now,
      })),
    );
    report.opened.push({ period: round.period, prompts });
  });
  return report;
}
