import type { Db } from '../../db/database.js';
import { findNotice, listNoticeReceipts, listRecentNotices, type NoticeTally, type NoticeWithSender, type Receipt } from '../../db/queries/notices.js';
import { DomainError } from '../../errors.js';
import { noticeTexts as t } from '../../texts/notice-texts.js';

/** How many of the latest notices `通知 状态` lists. */
export const RECENT_NOTICES = 10;

export type NoticeStatus = { kind: 'recent'; notices: NoticeTally[] } | { kind: 'one'; notice: NoticeWithSender; receipts: (Receipt & { school: string; town: string })[] };

/** `通知 状态`: the latest notices with their counts; `通知 状态 12`: one notice's schools and who acknowledged. */
export async function readNoticeStatus(db: Db, id: number | undefined): Promise<NoticeStatus> {
  if (id === undefined) return { kind: 'recent', notices: await listRecentNotices(db, RECENT_NOTICES) };
  const [notice, receipts] = await Promise.all([findNotice(db, id), listNoticeReceipts(db, id)]);
  if (!notice) throw new DomainError('not_found', t.noSuchNotice(id));
  return { kind: 'one', notice, receipts };
}
