import { scoreSchools } from '../../domain/scoring/score-schools.js';
import { yearToAssess } from '../../domain/scoring/scoring-span.js';
import { localParts } from '../../domain/time/zoned-time.js';
import { rankingTexts as t } from '../../texts/ranking-texts.js';
import { buildRankingCard } from '../cards/ranking-card.js';
import type { Command } from './command.js';
import { inBureauPlace, periodOnly } from './supervision-place.js';

/**
 * `排名 [年份|季度]`: schools by total score. Without a period, the year of the last ended quarter:
 * in December that is this year so far, in January the year just closed.
 */
export const rankingCommand: Command = {
  name: '排名',
  aliases: ['ranking', '排行'],
  usage: t.usage,
  summary: t.commandSummary,
  roles: ['bureau', 'admin'],
  refusals: { teacher: t.teacherRefusal, principal: t.principalRefusal },
  async run(ctx) {
    if (!inBureauPlace(ctx)) return { text: t.askHere, privately: true };
    const today = localParts(ctx.now, ctx.timezone);
    const period = periodOnly(ctx.args, today);
    if (period === undefined) return { text: t.badArgs };
    const label = period ?? String(yearToAssess(today));
    return { card: buildRankingCard(await scoreSchools(ctx.db, { label, timezone: ctx.timezone })) };
  },
};
