import type { Db } from '../../db/database.js';
import { listActiveCampaigns, type Campaign } from '../../db/queries/campaigns.js';
import { enqueueMessages, outboxKey, type OutgoingMessage } from '../../db/queries/outbox.js';
import { listActivePrincipals, listSchoolsWithChats } from '../../db/queries/people.js';
import { findRoundByPeriod, insertRoundOnce, type Round } from '../../db/queries/rounds.js';
import { latestOpenedRound, type ScheduleContext } from '../campaigns/round-schedule.js';
import { formatLocal } from '../time/zoned-time.js';
import { schoolChatTargets } from '../roster/school-destination.js';
import type { MessagePresenter } from '../messages/message-presenter.js';

export type OpenRoundsReport = { opened: { campaign: string; period: string; prompts: number }[]; skipped: string[] };

/**
 * Opens, for each active campaign, the latest round whose opening time has come, once, and queues
 * its prompts in the same transaction: one card per school chat for teachers, one 1:1 card per
 * principal for principals. A round already past its deadline is never opened: a new
 * installation does not flood chats with old months.
 */
export async function openDueRounds(db: Db, now: Date, o: { schedule: ScheduleContext; present: MessagePresenter }): Promise<OpenRoundsReport> {
  const { schedule, present } = o;
  const { timezone } = schedule;
  const report: OpenRoundsReport = { opened: [], skipped: [] };
  for (const campaign of await listActiveCampaigns(db)) {
    const times = latestOpenedRound(campaign.definition, now, schedule);
    if (!times) continue;
    if (now.getTime() >= times.dueAt.getTime()) {
      // Said only of a round that never opened: one opened in time and now past due is no news.
      if (!(await findRoundByPeriod(db, campaign.id, times.period))) {
        report.skipped.push(`${campaign.code} ${times.period}: deadline passed before it was opened`);
      }
      continue;
    }
    await db.transaction(async (tx) => {
      const round = await insertRoundOnce(tx, { campaignId: campaign.id, ...times, openedAt: now });
      if (!round) return;
      // A tick catching up outside the sending window queues the prompts for its next opening.
      const sendAt = schedule.calendar?.nextWindowOpening(now) ?? now;
      const prompts = await enqueueMessages(tx, now, await promptsFor(tx, { campaign, round, sendAt, timezone, present }));
      report.opened.push({ campaign: campaign.code, period: round.period, prompts });
    });
  }
  return report;
}

async function promptsFor(
  db: Db,
  { campaign, round, sendAt, timezone, present }: { campaign: Campaign; round: Round; sendAt: Date; timezone: string; present: MessagePresenter },
): Promise<OutgoingMessage[]> {
  const content = present.promptCard({ campaign, period: round.period, due: formatLocal(round.dueAt, timezone), roundId: round.id });
  const base = { kind: 'prompt', msgType: 'interactive' as const, content, notBefore: sendAt };
  if (campaign.audience === 'principals') {
    // Principals' campaigns go to them 1:1, never into the school chat.
    return (await listActivePrincipals(db)).map((p) => ({ ...base, key: outboxKey('prompt', round.id, `p${p.id}`), to: { openId: p.openId } }));
  }
  // A school without a usable chat (none bound yet, or the bot removed): its principal gets the card 1:1.
  const [schools, principals] = await Promise.all([listSchoolsWithChats(db), listActivePrincipals(db)]);
  return schools.flatMap((s) => schoolChatTargets(s, principals).map(({ to, keyParts }) => ({ ...base, key: outboxKey('prompt', round.id, s.id, ...keyParts), to })));
}
