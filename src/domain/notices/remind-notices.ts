import type { Db } from '../../db/database.js';
import { claimNoticeReminder, findNotice, listDueNoticeReminders, listSchoolRecipients } from '../../db/queries/notices.js';
import { enqueueMessages, outboxKey, type OutgoingMessage } from '../../db/queries/outbox.js';
import type { SchoolCalendar } from '../calendar/school-calendar.js';
import type { NoticePresenter } from './notice-presenter.js';
import { copiesFor } from './send-notice.js';

/** Notices reminded per tick: a backlog (the server was down for days) drains over a few ticks. */
const NOTICES_PER_TICK = 50;

/**
 * The tick's step for 一月一调度: each notice whose `remind_at` has come gets its one reminder,
 * inside the sending window, to every school that has not pressed 收到 (its chat and its
 * principals 1:1, quoting the notice). The claim on `reminded_at` and the messages commit
 * together, so two ticks remind once. Returns the schools reminded.
 */
export async function remindUnacknowledgedNotices(db: Db, now: Date, o: { calendar: SchoolCalendar; present: NoticePresenter }): Promise<number> {
  if (!o.calendar.isInSendingWindow(now)) return 0;
  let reminded = 0;
  for (const id of await listDueNoticeReminders(db, now, NOTICES_PER_TICK)) {
    reminded += await db.transaction(async (tx) => {
      if (!(await claimNoticeReminder(tx, id, now))) return 0;
      const [notice, schools] = await Promise.all([findNotice(tx, id), listSchoolRecipients(tx, { unacknowledgedOf: id })]);
      if (!notice) return 0;
      const messages: OutgoingMessage[] = schools.flatMap((school) => {
        const view = { noticeId: id, schoolId: school.schoolId, text: notice.text, senderName: notice.senderName, sentAt: notice.createdAt, fileName: notice.fileName, timezone: o.calendar.timezone };
        const card = o.present.noticeCard(view, { acknowledged: null, reminder: true });
        return copiesFor(school).map(({ suffix, to }) => ({ key: outboxKey('notice-remind', id, school.schoolId, suffix), kind: 'notice-remind', to, msgType: 'interactive' as const, content: card, notBefore: now }));
      });
      await enqueueMessages(tx, now, messages);
      return schools.length;
    });
  }
  return reminded;
}
