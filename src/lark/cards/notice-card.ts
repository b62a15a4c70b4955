import type { NoticeAck, NoticeCardView, NoticePresenter } from '../../domain/notices/notice-presenter.js';
import { formatLocal } from '../../domain/time/zoned-time.js';
import { noticeTexts as t } from '../../texts/notice-texts.js';
import type { Shown } from '../../texts/shown.js';
import { escapeMarkdown as e } from './escape-markdown.js';

/** 收到's value: card-actions/notice-ack-action.ts reads it back. */
export type NoticeAckValue = { action: 'notice_ack'; notice_id: number; school_id: number; reminder?: true };

const plain = (content: string) => ({ tag: 'plain_text', content });
const markdown = (content: string) => ({ tag: 'markdown', content });

/** `MM-DD HH:mm` in the county's zone. */
export const shortTime = (at: Date, timezone: string) => formatLocal(at, timezone).slice(5);

/** The officer's text as written: each line shown literally, the line breaks kept. */
export const noticeBody = (text: string): Shown => text.split(/\r?\n/).map((line) => e(line)).join('\n') as Shown;

/**
 * One school's copy of a notice (its chat's, its principal's): the text, who sent it when, the
 * file that follows it, and 收到 — or, once someone of the school pressed it, who did and when.
 * The reminder is the same card, marked, so 收到 on it acknowledges the same receipt.
 */
export function buildNoticeCard(view: NoticeCardView, o: { acknowledged: NoticeAck | null; reminder: boolean }): Record<string, unknown> {
  const value: NoticeAckValue = { action: 'notice_ack', notice_id: view.noticeId, school_id: view.schoolId, ...(o.reminder ? { reminder: true as const } : {}) };
  const title = o.reminder ? t.reminderTitle : t.cardTitle;
  const sentAt = shortTime(view.sentAt, view.timezone);
  const answer = o.acknowledged
    ? [markdown(t.acknowledged(e(o.acknowledged.by), shortTime(o.acknowledged.at, view.timezone)))]
    : [markdown(t.askAck), { tag: 'button', text: plain(t.ackButton), type: 'primary_filled', behaviors: [{ type: 'callback', value }] }];
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: title } },
    header: { title: plain(title), subtitle: plain(`#${view.noticeId}`), template: o.acknowledged ? 'green' : o.reminder ? 'orange' : 'blue' },
    body: {
      elements: [
        ...(o.reminder && !o.acknowledged ? [markdown(t.reminderIntro(sentAt))] : []),
        markdown(noticeBody(view.text)),
        markdown(t.from(e(view.senderName), sentAt)),
        ...(view.fileName ? [markdown(t.fileLine(e(view.fileName)))] : []),
        ...answer,
      ],
    },
  };
}

export const noticePresenter: NoticePresenter = { noticeCard: buildNoticeCard };
