import { readBulletin } from '../../domain/scoring/read-bulletin.js';
import { lastEndedQuarter } from '../../domain/scoring/scoring-span.js';
import { writeBulletinWorkbook } from '../../domain/scoring/write-bulletin-workbook.js';
import { localParts } from '../../domain/time/zoned-time.js';
import { bulletinTexts as t } from '../../texts/bulletin-texts.js';
import { buildBulletinCard } from '../cards/bulletin-card.js';
import { escapeText } from '../cards/escape-markdown.js';
import type { Command } from './command.js';
import { sendFilePrivately } from './send-file-privately.js';
import { inBureauPlace, periodOnly } from './supervision-place.js';

/** The word that asks for the file instead of the card, anywhere among the words (通报 2026Q4 导出, 通报导出). */
const EXPORT_WORD = /导出/g;

/**
 * `通报 [季度] [导出]`: the quarter's bulletin card on the spot (the last ended quarter when none is
 * named); with 导出 its figures in full as an .xlsx, sent 1:1 to the asker even when asked in the
 * bureau chat, which is told only that the file went privately.
 */
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
    const words = ctx.args.replace(EXPORT_WORD, ' ');
    const period = periodOnly(words, today);
    if (period === undefined) return { text: t.badArgs };
    const label = period ?? lastEndedQuarter(today);
    if (words !== ctx.args) {
      const written = await sendFilePrivately(ctx, 'bulletin_export', (sink) => writeBulletinWorkbook(ctx.db, { label, timezone: ctx.timezone }, sink));
      const fileName = escapeText(written.fileName);
      return { text: ctx.inGroup ? t.exportSentPrivately(fileName) : t.exportQueued(fileName, written.schools, written.lagging) };
    }
    const bulletin = await readBulletin(ctx.db, { label, timezone: ctx.timezone });
    return { card: buildBulletinCard(bulletin) };
  },
};
