import { z } from 'zod';
import { readNoticeStatus } from '../../domain/notices/read-notice-status.js';
import { isDomainError } from '../../errors.js';
import { noticeTexts as t } from '../../texts/notice-texts.js';
import { buildNoticeStatusCard } from '../cards/notice-status-card.js';
import { defineCardAction, rowId, toast } from './card-action.js';

/** 上一页/下一页 on one notice's receipts: read again (schools may have acknowledged since), redrawn in place. Bureau and admin only. */
export const noticeStatusPageAction = defineCardAction({
  name: 'notice_status_page',
  schema: z.object({ notice_id: rowId, page: z.number().int().min(0).max(100_000) }),
  async run({ db, person, value, timezone }) {
    if (person.role !== 'bureau' && person.role !== 'admin') return toast('error', t.notAllowed);
    try {
      const status = await readNoticeStatus(db, value.notice_id);
      if (status.kind !== 'one') return toast('error', t.pageGone);
      return { card: { type: 'raw', data: buildNoticeStatusCard(status.notice, status.receipts, { timezone, page: value.page }) } };
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return toast('error', t.pageGone);
    }
  },
});
