import type { Db } from '../../db/database.js';
import { insertNotice, listSchoolRecipients, type SchoolRecipients } from '../../db/queries/notices.js';
import { enqueueFileMessage } from '../../db/queries/outbox-attachments.js';
import { enqueueMessages, outboxKey, type OutgoingMessage } from '../../db/queries/outbox.js';
import type { Person } from '../../db/queries/people.js';
import { DomainError } from '../../errors.js';
import { NOTICE_TEXT_MAX_CHARS, noticeTexts as t } from '../../texts/notice-texts.js';
import { dateParts } from '../calendar/local-date.js';
import type { SchoolCalendar } from '../calendar/school-calendar.js';
import { zonedInstant } from '../time/zoned-time.js';
import type { NoticeRequest } from './notice-words.js';
import { isPlaceName, resolveNoticeRange } from './notice-schools.js';
import type { NoticePresenter } from './notice-presenter.js';
import { maskNoticeText } from './mask-notice-text.js';

/** The 方案/文件 a notice carries: downloaded already, within the size limit. */
export type NoticeFile = { name: string; bytes: Uint8Array };

export type NoticeSent = { id: number; schools: number; chats: number; principals: number; sendAt: Date; remindAt: Date; childrenHidden: number };

/**
 * When a notice goes and when its one reminder does: at the next opening of the sending window
 * (now, inside it), and at the window's opening on the next workday after that.
 */
export function noticeTimes(calendar: SchoolCalendar, now: Date): { sendAt: Date; remindAt: Date } {
  const sendAt = calendar.nextWindowOpening(now);
  const nextWorkday = calendar.nextWorkday(calendar.dateOf(sendAt));
  return { sendAt, remindAt: calendar.nextWindowOpening(zonedInstant(calendar.timezone, { ...dateParts(nextWorkday)!, hour: 0, minute: 0 })) };
}

/** Where a school's copy goes: its chat, and each of its principals 1:1. */
export function copiesFor(school: SchoolRecipients): { suffix: string; to: { chatId: string } | { openId: string } }[] {
  return [...(school.chatId ? [{ suffix: 'chat', to: { chatId: school.chatId } }] : []), ...school.principals.map((openId) => ({ suffix: openId, to: { openId } }))];
}

/**
 * 通知: one notice row, a receipt per school, and every school's card (its chat and its
 * principals 1:1), with the file after each card, in the caller's transaction. Refused, nothing
 * is stored: no text, text over the limit, names that choose no school (all of them named).
 */
export async function sendNotice(
  db: Db,
  now: Date,
  o: {
    sender: Person;
    request: Extract<NoticeRequest, { kind: 'send' }>;
    /** The text as written (line breaks and script kept); the request's is normalised. */
    text: string;
    file: NoticeFile | undefined;
    calendar: SchoolCalendar;
    present: NoticePresenter;
  },
): Promise<NoticeSent> {
  const { request } = o;
  const written = o.text.trim();
  if (written === '') throw new DomainError('missing_field', t.needText(request.scope));
  const length = [...written].length;
  if (length > NOTICE_TEXT_MAX_CHARS) throw new DomainError('invalid_field', t.tooLong(length));
  const range = request.everyone ? { schools: { all: true as const } } : await resolveNoticeRange(db, request.places);
  if ('unknown' in range) throw new DomainError('unknown_place', t.unknownPlaces(range.unknown, range.towns.join('、')));
  if ('ambiguous' in range) throw new DomainError('ambiguous_school', t.ambiguousPlace(range.ambiguous, range.names));
  // `通知 横渠镇 槐芽镇 …` meant two towns: the second would start the text of a notice to the first.
  const firstWord = request.text.split(' ')[0]!;
  if (!request.colon && request.text.includes(' ') && (await isPlaceName(db, firstWord))) throw new DomainError('invalid_field', t.placeInText(firstWord));
  const schools = await listSchoolRecipients(db, range.schools);
  if (schools.length === 0) throw new DomainError('unknown_place', t.noSchools);

  // Stored and sent with no child named: every copy goes to a group or to other schools' principals.
  const { text, hidden: childrenHidden } = await maskNoticeText(db, written);
  const { sendAt, remindAt } = noticeTimes(o.calendar, now);
  const fileName = o.file?.name ?? null;
  const id = await insertNotice(db, { sentById: o.sender.id, text, scope: request.scope, fileName, createdAt: now, remindAt }, schools.map((s) => s.schoolId));
  const cards: OutgoingMessage[] = schools.flatMap((school) => {
    const view = { noticeId: id, schoolId: school.schoolId, text, senderName: o.sender.name, sentAt: now, fileName, timezone: o.calendar.timezone };
    const card = o.present.noticeCard(view, { acknowledged: null, reminder: false });
    return copiesFor(school).map(({ suffix, to }) => ({ key: outboxKey('notice', id, school.schoolId, suffix), kind: 'notice', to, msgType: 'interactive' as const, content: card, notBefore: sendAt }));
  });
  await enqueueMessages(db, now, cards);
  // Queued after the cards, so each copy of the file follows its card.
  if (o.file) {
    const file = { name: o.file.name, type: 'stream' as const, bytes: o.file.bytes };
    // Stored once, by the first copy; the others send those bytes (30 chats × 10 MB would be 300 MB).
    let holder: string | undefined;
    for (const school of schools) {
      for (const { suffix, to } of copiesFor(school)) {
        const key = outboxKey('notice-file', id, school.schoolId, suffix);
        await enqueueFileMessage(db, now, { key, kind: 'notice-file', to, file, notBefore: sendAt, ...(holder ? { bytesOf: holder } : {}) });
        holder ??= key;
      }
    }
  }
  return {
    id,
    schools: schools.length,
    chats: schools.filter((s) => s.chatId).length,
    principals: schools.reduce((n, s) => n + s.principals.length, 0),
    sendAt,
    remindAt,
    childrenHidden,
  };
}
