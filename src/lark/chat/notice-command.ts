import { loadSchoolCalendar } from '../../domain/calendar/load-school-calendar.js';
import { parseNoticeWords, type NoticeRequest } from '../../domain/notices/notice-words.js';
import { readNoticeStatus } from '../../domain/notices/read-notice-status.js';
import { sendNotice } from '../../domain/notices/send-notice.js';
import { writtenSuffix } from '../../domain/text/normalize-text.js';
import { formatLocal } from '../../domain/time/zoned-time.js';
import { noticeTexts as t } from '../../texts/notice-texts.js';
import { escapeText } from '../cards/escape-markdown.js';
import { noticePresenter } from '../cards/notice-card.js';
import { buildNoticeListCard, buildNoticeStatusCard } from '../cards/notice-status-card.js';
import type { Command, CommandContext, CommandReply } from './command.js';

/**
 * `通知 <全部|镇街|学校、…> <内容>` (一月一调度), bureau and admin, 1:1 only: the notice goes to
 * the chosen schools' chats and principals with 收到, and the sender is told the counts.
 * `通知 状态 [编号]`: who has acknowledged. A file comes by replying to it (fetch-replied-file.ts).
 */
export const noticeCommand: Command = {
  name: '通知',
  aliases: ['notice'],
  usage: t.usage,
  summary: t.commandSummary,
  roles: ['bureau', 'admin'],
  refusals: { teacher: t.teacherRefusal, principal: t.principalRefusal },
  // A principal's written report may start with 通知 (「通知全体教师…」) and must stay a report.
  needsBoundary: true,
  async run(ctx) {
    if (ctx.inGroup) return { text: t.askPrivately, privately: true };
    const request = parseNoticeWords(ctx.args);
    if (request.kind === 'help') return { text: t.howTo };
    if (request.kind === 'bad-status') return { text: t.badStatusArgs };
    if (request.kind === 'status') {
      const status = await readNoticeStatus(ctx.db, request.id);
      return { card: status.kind === 'recent' ? buildNoticeListCard(status.notices, ctx.timezone) : buildNoticeStatusCard(status.notice, status.receipts, { timezone: ctx.timezone }) };
    }
    return send(ctx, request);
  },
};

async function send(ctx: CommandContext, request: Extract<NoticeRequest, { kind: 'send' }>): Promise<CommandReply> {
  if (ctx.repliedFile?.kind === 'refused') return { text: ctx.repliedFile.text };
  const file = ctx.repliedFile?.file;
  const { calendar } = await loadSchoolCalendar(ctx.db, ctx.timezone);
  const sent = await sendNotice(ctx.db, ctx.now, {
    sender: ctx.person,
    request,
    // The text as the officer wrote it: line breaks and script kept.
    text: writtenSuffix(ctx.said, request.text) ?? request.text,
    file,
    calendar,
    present: noticePresenter,
  });
  const at = (d: Date) => formatLocal(d, ctx.timezone).slice(5);
  return {
    text: t.sent({
      id: sent.id,
      schools: sent.schools,
      chats: sent.chats,
      principals: sent.principals,
      file: file ? escapeText(file.name) : null,
      at: sent.sendAt.getTime() > ctx.now.getTime() ? at(sent.sendAt) : null,
      remindAt: at(sent.remindAt),
      childrenHidden: sent.childrenHidden,
    }),
  };
}
