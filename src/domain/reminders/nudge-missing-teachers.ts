import type { Db } from '../../db/database.js';
import { enqueueMessages, outboxKey } from '../../db/queries/outbox.js';
import { findCampaignById } from '../../db/queries/campaigns.js';
import { findSchool, listMissingRespondents, type Person } from '../../db/queries/people.js';
import { findCurrentRound, findRoundById } from '../../db/queries/rounds.js';
import { DomainError } from '../../errors.js';
import { reminderTexts } from '../../texts/reminder-texts.js';
import type { SchoolCalendar } from '../calendar/school-calendar.js';
import type { MessagePresenter } from '../messages/message-presenter.js';
import { chargeReminders, splitByReminderBudget } from './reminder-budget.js';
import { teacherReminder } from './direct-reminders.js';
import { claimJobRun } from '../../db/queries/job-runs.js';
import { exampleReply } from '../forms/example-reply.js';
import { formatLocal, localDate } from '../time/zoned-time.js';
import { usableChatOf } from '../roster/school-destination.js';

/**
 * A principal asks the bot to remind the teachers who still owe this round's answer: one message
 * in the school chat @-mentioning exactly those teachers, at most once a day per school; where
 * the school's 提醒方式 is 私聊, a 1:1 reminder to each of them instead (nobody named before colleagues).
 * `to` says where it went: the chat, the teachers 1:1, or the principal 1:1 while the school has no
 * usable chat.
 */
export async function nudgeMissingTeachers(
  db: Db,
  input: {
    principal: Person;
    roundId: number;
    schoolId: number;
    now: Date;
    timezone: string;
    calendar?: SchoolCalendar;
    /** How the chat shows the message (its `<at>` mentions, the names escaped): the caller's medium, not the verb's. */
    present: Pick<MessagePresenter, 'nudgeText' | 'respondentReminderText'>;
  },
): Promise<{ nudged: number; skipped: string[]; to: 'chat' | 'teachers' | 'principal' }> {
  const { principal, now, timezone } = input;
  if (principal.role !== 'principal' || principal.schoolId !== input.schoolId) {
    throw new DomainError('not_your_school', reminderTexts.notYourSchool);
  }
  const round = await findRoundById(db, input.roundId);
  const current = round ? await findCurrentRound(db, round.campaignId, now) : undefined;
  if (!round || current?.id !== round.id) throw new DomainError('round_over', reminderTexts.roundOver);
  const school = await findSchool(db, input.schoolId);
  if (!school) throw new DomainError('not_your_school', reminderTexts.notYourSchool);

  const campaign = await findCampaignById(db, round.campaignId);
  const missing = await listMissingRespondents(db, round.id, 'teacher', school.id);
  if (missing.length === 0) throw new DomainError('everyone_answered', reminderTexts.everyoneAnswered);
  const { allowed, exhausted } = await splitByReminderBudget(db, round.id, missing);
  if (allowed.length === 0) throw new DomainError('budget_exhausted', reminderTexts.budgetExhausted(exhausted.map((t) => t.name)));
  const key = outboxKey('nudge', round.id, school.id, localDate(now, timezone));
  // The bot speaks to the teachers here, so the sending window applies.
  const notBefore = input.calendar ? input.calendar.nextWindowOpening(now) : now;
  const skipped = exhausted.map((t) => t.name);
  if (school.reminderMode === 'direct' && campaign) {
    if (!(await claimJobRun(db, key, now, 'sent'))) throw new DomainError('already_nudged', reminderTexts.alreadyNudgedDirectToday);
    for (const teacher of allowed) {
      const personal = outboxKey('nudge', round.id, school.id, localDate(now, timezone), teacher.id);
      await enqueueMessages(db, now, [teacherReminder({ key: personal, teacher, campaign, round, now, notBefore, timezone, present: input.present })]);
      await chargeReminders(db, round.id, [teacher.id], personal, now);
    }
    return { nudged: allowed.length, skipped, to: 'teachers' };
  }
  const text = input.present.nudgeText({
    teachers: allowed,
    title: campaign?.title ?? '',
    due: formatLocal(round.dueAt, timezone),
    example: campaign ? exampleReply(campaign.definition.form.fields) : '',
    pastDue: now.getTime() > round.dueAt.getTime(),
  });
  const chatId = usableChatOf(school);
  const queued = await enqueueMessages(db, now, [
    {
      key,
      kind: 'nudge',
      // No usable school chat (none bound, or the bot removed): the principal gets it 1:1 to pass on.
      to: chatId ? { chatId } : { openId: principal.openId },
      msgType: 'text',
      content: { text },
      notBefore,
    },
  ]);
  if (queued === 0) throw new DomainError('already_nudged', reminderTexts.alreadyNudgedToday);
  await chargeReminders(db, round.id, allowed.map((t) => t.id), key, now);
  return { nudged: allowed.length, skipped, to: chatId ? 'chat' : 'principal' };
}
