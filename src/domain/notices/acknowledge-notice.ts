import type { Db } from '../../db/database.js';
import { acknowledgeReceipt, findNotice, findReceipt } from '../../db/queries/notices.js';
import type { Person } from '../../db/queries/people.js';
import { DomainError } from '../../errors.js';
import { noticeTexts as t } from '../../texts/notice-texts.js';
import type { NoticeAck, NoticeCardView } from './notice-presenter.js';

export type Acknowledged = { view: NoticeCardView; ack: NoticeAck; fresh: boolean };

/**
 * 收到 on a school's copy of a notice: anyone of that school (a teacher or the principal) may
 * acknowledge it, once for the school; the first press is recorded (a conditional update, so two
 * presses at once record one), later ones learn who did. Anyone else is refused.
 */
export async function acknowledgeNotice(db: Db, now: Date, o: { person: Person; noticeId: number; schoolId: number; timezone: string }): Promise<Acknowledged> {
  const { person } = o;
  if (person.role !== 'teacher' && person.role !== 'principal') throw new DomainError('not_your_card', t.ackStaffOnly);
  if (person.schoolId !== o.schoolId) throw new DomainError('not_your_school', t.ackNotYourSchool);
  const notice = await findNotice(db, o.noticeId);
  if (!notice) throw new DomainError('not_found', t.unknownNotice);
  const fresh = await acknowledgeReceipt(db, { noticeId: o.noticeId, schoolId: o.schoolId, personId: person.id, now });
  const receipt = fresh ? undefined : await findReceipt(db, o.noticeId, o.schoolId);
  if (!fresh && !receipt?.acknowledgedAt) throw new DomainError('not_your_school', t.ackNotYourSchool);
  const view: NoticeCardView = {
    noticeId: notice.id,
    schoolId: o.schoolId,
    text: notice.text,
    senderName: notice.senderName,
    sentAt: notice.createdAt,
    fileName: notice.fileName,
    timezone: o.timezone,
  };
  const ack = fresh ? { by: person.name, at: now } : { by: receipt!.acknowledgedBy ?? '', at: receipt!.acknowledgedAt! };
  return { view, ack, fresh };
}
