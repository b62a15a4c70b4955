import type { NoticeTally, NoticeWithSender, Receipt } from '../../db/queries/notices.js';
import { noticeTexts as t } from '../../texts/notice-texts.js';
import type { Shown } from '../../texts/shown.js';
import { escapeMarkdown as e } from './escape-markdown.js';
import { shortTime } from './notice-card.js';
import { clampPage, pageButtonsRow, pageCount } from './summary-pager.js';

/** Schools per page of one notice's receipts: a county's fit on one page, a province's are paged. */
export const RECEIPTS_PER_PAGE = 40;
const EXCERPT_CHARS = 40;

/** 上一页/下一页's value on one notice's receipts: card-actions/notice-status-page-action.ts reads it back. */
export type NoticeStatusPageValue = { action: 'notice_status_page'; notice_id: number; page: number };

const plain = (content: string) => ({ tag: 'plain_text', content });
const markdown = (content: string) => ({ tag: 'markdown', content });
const frame = (title: string, template: string, elements: unknown[]) => ({
  schema: '2.0',
  config: { update_multi: true, summary: { content: title } },
  header: { title: plain(title), template },
  body: { elements },
});

/** The first words of a notice, on one line. */
const excerpt = (text: string): Shown => {
  const line = [...text.replace(/\s+/g, ' ').trim()];
  return e(line.length > EXCERPT_CHARS ? `${line.slice(0, EXCERPT_CHARS).join('')}…` : line.join(''));
};

/** `通知 状态`: the latest notices, newest first, each with how many schools acknowledged. */
export function buildNoticeListCard(notices: NoticeTally[], timezone: string): Record<string, unknown> {
  if (notices.length === 0) return frame(t.statusTitle, 'blue', [markdown(t.noNotices)]);
  const lines = notices.map((n) =>
    t.statusLine({ id: n.id, at: shortTime(n.createdAt, timezone), sender: e(n.senderName), scope: e(n.scope), acked: n.acknowledged, schools: n.schools, excerpt: excerpt(n.text) }),
  );
  return frame(t.statusTitle, 'blue', [markdown(lines.join('\n\n')), markdown(t.statusHint(notices[0]!.id))]);
}

type Row = Receipt & { school: string; town: string };

/**
 * `通知 状态 12`: the schools that have not acknowledged, by town, then those that have (who,
 * when); paged when long, 上一页/下一页 redrawing the card in place.
 */
export function buildNoticeStatusCard(notice: NoticeWithSender, receipts: Row[], o: { timezone: string; page?: number }): Record<string, unknown> {
  const unacked = receipts.filter((r) => !r.acknowledgedAt);
  const acked = receipts.filter((r) => r.acknowledgedAt);
  const pages = pageCount(receipts.length, RECEIPTS_PER_PAGE);
  const page = clampPage(o.page ?? 1, pages);
  const shown = [...unacked, ...acked].slice((page - 1) * RECEIPTS_PER_PAGE, page * RECEIPTS_PER_PAGE);
  const head = t.statusOfHead({
    at: shortTime(notice.createdAt, o.timezone),
    sender: e(notice.senderName),
    scope: e(notice.scope),
    acked: acked.length,
    schools: receipts.length,
    reminded: notice.remindedAt ? shortTime(notice.remindedAt, o.timezone) : null,
    remindAt: shortTime(notice.remindAt, o.timezone),
  });
  const shownUnacked = shown.filter((r) => !r.acknowledgedAt);
  const shownAcked = shown.filter((r) => r.acknowledgedAt);
  const elements: unknown[] = [markdown(head), markdown(excerpt(notice.text))];
  if (unacked.length === 0) elements.push(markdown(t.allAcked));
  else if (shownUnacked.length > 0) elements.push(markdown(`${t.unackedHeading(unacked.length)}\n${byTown(shownUnacked).join('\n')}`));
  if (shownAcked.length > 0) {
    const lines = shownAcked.map((r) => t.ackedLine(e(r.school), e(r.acknowledgedBy ?? ''), shortTime(r.acknowledgedAt!, o.timezone)));
    elements.push(markdown(`${t.ackedHeading(acked.length)}\n${lines.join('\n')}`));
  }
  if (pages > 1) elements.push(pageButtonsRow((p): NoticeStatusPageValue => ({ action: 'notice_status_page', notice_id: notice.id, page: p }), page, pages));
  return frame(t.statusOfTitle(notice.id), unacked.length === 0 ? 'green' : 'orange', elements);
}

/** One line per town: `横渠镇：甲校、乙校`, towns in roster order. */
function byTown(rows: Row[]): string[] {
  const towns = new Map<string, string[]>();
  for (const r of rows) towns.set(r.town, [...(towns.get(r.town) ?? []), r.school]);
  return [...towns].map(([town, schools]) => t.townLine(e(town), schools.map((s) => e(s))));
}
