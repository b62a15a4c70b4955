import { z } from 'zod';
import { acknowledgeNotice } from '../../domain/notices/acknowledge-notice.js';
import { noticeTexts as t } from '../../texts/notice-texts.js';
import { buildNoticeCard, shortTime } from '../cards/notice-card.js';
import { defineCardAction, rowId } from './card-action.js';

/**
 * 收到 on a notice (or its reminder): the first of the school to press it acknowledges for the
 * school; the card redraws in place with who did and when, for a later press too (with a toast
 * naming them). Others are refused with a toast (acknowledgeNotice decides who may).
 */
export const noticeAckAction = defineCardAction({
  name: 'notice_ack',
  schema: z.object({ notice_id: rowId, school_id: rowId, reminder: z.boolean().optional() }),
  async run({ db, person, value, now, timezone }) {
    const { view, ack, fresh } = await acknowledgeNotice(db, now, { person, noticeId: value.notice_id, schoolId: value.school_id, timezone });
    // The reminder's card stays a reminder when redrawn (its title says what it was).
    const card = buildNoticeCard(view, { acknowledged: ack, reminder: value.reminder === true });
    return {
      toast: fresh ? { type: 'success', content: t.ackDone } : { type: 'info', content: t.ackAlready(ack.by, shortTime(ack.at, timezone)) },
      card: { type: 'raw', data: card },
    };
  },
});
