import { inspectByText } from '../../domain/inspections/inspect-school.js';
import { inspectionTexts as t } from '../../texts/inspection-texts.js';
import { escapeText } from '../cards/escape-markdown.js';
import { buildInspectionCard } from '../cards/inspection-card.js';
import { inspectionPresenter } from '../cards/inspection-notice-card.js';
import type { Command } from './command.js';

/**
 * `督查 <school>`: this month's inspection of the school as a card with the form (1:1 only), or
 * `督查 槐芽镇中心小学 控辍保学 -2 劝返记录不全`: one score recorded (a second one for the same
 * sub-item this month is a correction). The bureau's work: nothing of it in any group chat.
 */
export const inspectionCommand: Command = {
  name: '督查',
  aliases: ['inspect'],
  needsBoundary: true,
  usage: t.usage,
  summary: t.commandSummary,
  roles: ['bureau', 'admin'],
  refusals: { teacher: t.teacherRefusal, principal: t.principalRefusal },
  async run(ctx) {
    // Said in a group, the answer goes 1:1 and says only where to ask: the group reads nothing of it.
    if (ctx.inGroup) return { text: t.askPrivately, privately: true };
    const done = await inspectByText(ctx.db, {
      args: ctx.args,
      said: ctx.said,
      inspector: ctx.person,
      now: ctx.now,
      timezone: ctx.timezone,
      origin: { channel: 'chat', chatId: ctx.chatId ?? null },
      present: inspectionPresenter,
    });
    // From here on the chat is the person's 1:1 chat with the bot: a reply there is theirs alone.
    if (done.kind === 'sheet') return { card: buildInspectionCard(done.sheet, ctx.timezone) };
    return { text: t.recorded({ school: escapeText(done.view.school.name), subItem: escapeText(done.subItem.name), score: done.score, points: done.subItem.points, corrected: done.corrected }) };
  },
};
