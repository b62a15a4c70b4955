import { localParts } from '../../domain/time/zoned-time.js';
import { exportTexts as t } from '../../texts/export-texts.js';
import { escapeText } from '../cards/escape-markdown.js';
import type { Command } from './command.js';
import { sendFilePrivately } from './send-file-privately.js';
import { parseSummaryArgs } from './summary-command.js';

/**
 * `导出 [项目] [月份] [镇街|学校]`, 1:1 only: the bureau's Excel workbook (the same words as 汇总),
 * queued as a file message to the asker with this answer; the reply says it is on its way.
 */
export const exportCommand: Command = {
  name: '导出',
  aliases: ['export'],
  usage: t.usage,
  summary: t.commandSummary,
  roles: ['bureau', 'admin'],
  async run(ctx) {
    // The workbook names children: nothing of it in a group, and no file either.
    if (ctx.inGroup) return { text: t.askPrivately };
    const parsed = parseSummaryArgs(ctx.args, localParts(ctx.now, ctx.timezone));
    if (!parsed) return { text: t.badArgs };
    // Loaded on demand: exceljs is heavy, and only an export needs it (the Worker build answers nodeOnly).
    const { exportWorkbook } = await import('../../domain/export/export-workbook.js');
    const exported = await sendFilePrivately(ctx, 'export', (sink) =>
      exportWorkbook(ctx.db, { ...parsed, now: ctx.now, timezone: ctx.timezone, asker: { person: ctx.person, origin: { channel: 'chat', chatId: ctx.chatId ?? null } } }, sink),
    );
    return { text: t.queued(escapeText(exported.fileName), escapeText(exported.scope)) };
  },
};
