import type { Db } from '../../db/client.js';
import { enqueueMessages, outboxKey } from '../../db/queries/outbox.js';
import { findSchool, listMissingTeachers, type Person } from '../../db/queries/people.js';
import { findCurrentRound, findRoundById } from '../../db/queries/rounds.js';
import { DomainError } from '../../errors.js';
import { reminderTexts } from '../../texts/reminder-texts.js';
import { formatLocal, localDate } from '../time/zoned-time.js';

/** Lark's text mention; names are escaped so a roster name cannot inject markup. */
const mention = (openId: string, name: string) => `<at user_id="${openId}">${name.replace(/[<>&"]/g, '')}</at>`;

/**
 * A principal asks the bot to remind the teachers who still owe this round's answer: one message
 * in the school chat @-mentioning exactly those teachers, at most once a day per school.
 */
export async function nudgeMissingTeachers(
  db: Db,
  input: { principal: Person; roundId: number; schoolId: number; now: Date; timezone: string },
): Promise<{ nudged: number }> {
  const { principal, now, timezone } = input;
  if (principal.role !== 'principal' || principal.schoolId !== input.schoolId) {
    throw new DomainError('not_your_school', reminderTexts.notYourSchool);
  }
  const round = await findRoundById(db, input.roundId);
  const current = round ? await findCurrentRound(db, round.campaignId, now) : undefined;
  if (!round || current?.id !== round.id) throw new DomainError('round_over', reminderTexts.roundOver);
  const school = await findSchool(db, input.schoolId);
  if (!school) throw new DomainError('not_your_school', reminderTexts.notYourSchool);

  const missing = await listMissingTeachers(db, round.id, school.id);
  if (missing.length === 0) throw new DomainError('everyone_answered', reminderTexts.everyoneAnswered);
  const text = reminderTexts.nudgeMessage(
    missing.map((t) => mention(t.openId, t.name)).join(' '),
    formatLocal(round.dueAt, timezone),
  );
  const queued = await enqueueMessages(db, now, [
    {
      key: outboxKey('nudge', round.id, school.id, localDate(now, timezone)),
      kind: 'nudge',
      to: { chatId: school.chatId },
      msgType: 'text',
      content: { text },
      notBefore: now,
    },
  ]);
  if (queued === 0) throw new DomainError('already_nudged', reminderTexts.alreadyNudgedToday);
  return { nudged: missing.length };
}
