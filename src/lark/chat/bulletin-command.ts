import { readBulletin } from '../../domain/scoring/read-bulletin.js';
import { lastEndedQuarter } from '../../domain/scoring/scoring-span.js';
import { localParts } from '../../domain/time/zoned-time.js';
import { bulletinTexts as t } from '../../texts/bulletin-texts.js';
import { buildBulletinCard } from '../cards/bulletin-card.js';
import type { Command, CommandContext } from './command.js';
import { parseSummaryArgs } from './summary-command.js';

/** Where the bureau's supervision results may be read: 1:1, or the bureau chat the asker works in — never a school's chat. */
export const inBureauPlace = (ctx: CommandContext) => !ctx.inGroup || (ctx.person.role === 'bureau' && ctx.chatId !== undefined && ctx.chatId === ctx.person.chatId);

/** `通报 [季度]`: the quarter's bulletin card on the spot (the last ended quarter when none is named). */
export const bulletinCommand: Command = {
  name: '通报',
  aliases: ['bulletin'],
  usage: t.usage,
  summary: t.commandSummary,
  roles: ['bureau', 'admin'],
  refusals: { teacher: t.teacherRefusal, principal: t.principalRefusal },
  async run(ctx) {
    // Said in a school chat (or any group but the bureau's), the answer goes 1:1 and says where to ask.
    if (!inBureauPlace(ctx)) return { text: t.askHere, privately: true };
    const today = localParts(ctx.now, ctx.timezone);
    const parsed = parseSummaryArgs(ctx.args, today);
    if (!parsed || parsed.campaign || parsed.town || parsed.place) return { text: t.badArgs };
    const bulletin = await readBulletin(ctx.db, { label: parsed.period ?? lastEndedQuarter(today), timezone: ctx.timezone });
    return { card: buildBulletinCard(bulletin) };
  },
};
