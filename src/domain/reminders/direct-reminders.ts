import type { Db } from '../../db/database.js';
import type { Campaign } from '../../db/queries/campaigns.js';
import { outboxKey, type OutgoingMessage } from '../../db/queries/outbox.js';
import { listReminderModes } from '../../db/queries/reminder-mode.js';
import type { Round } from '../../db/queries/rounds.js';
import type { ReminderMode } from '../../db/schema/roster.js';
import { exampleReply } from '../forms/example-reply.js';
import type { MessagePresenter } from '../messages/message-presenter.js';
import { formatLocal } from '../time/zoned-time.js';
import { chargeReminders, splitByReminderBudget } from './reminder-budget.js';
import { responseTexts } from '../../texts/response-texts.js';

type Teacher = { id: number; name: string; openId: string; schoolId: number | null };

/** Whether the school's teachers get the deadline morning's 1:1 reminder (`提醒方式 私聊` or `都`). */
export const remindsDirectly = (mode: ReminderMode | undefined) => mode === 'direct' || mode === 'both';

/** What the deadline morning did 1:1: reminders queued, and teachers left out because they had the round's budget already. */
export type DirectRemindersOutcome = { sent: number; atBudget: number };

/**
 * The deadline morning's 1:1 reminder to each teacher who still owes the round's answer, in the
 * schools whose 提醒方式 is 私聊 or 都, each charged to the teacher's per-round budget (减负):
 * a teacher at the budget gets none. Undefined when no school reminds 1:1 (群 everywhere, the
 * default). The caller runs it once, under the step's job-run claim, inside the sending window.
 */
export async function directDeadlineReminders(
  db: Db,
  o: { campaign: Campaign; round: Round; step: string; missing: Teacher[]; now: Date; timezone: string; present: Pick<MessagePresenter, 'respondentReminderText'> },
): Promise<{ messages: OutgoingMessage[]; outcome: DirectRemindersOutcome } | undefined> {
  const modes = await listReminderModes(db);
  if (![...modes.values()].some(remindsDirectly)) return undefined;
  const owing = o.missing.filter((t) => t.schoolId !== null && remindsDirectly(modes.get(t.schoolId)));
  const { allowed, exhausted } = await splitByReminderBudget(db, o.round.id, owing);
  const messages: OutgoingMessage[] = [];
  for (const teacher of allowed) {
    const key = outboxKey('remind', o.round.id, o.step, teacher.id);
    await chargeReminders(db, o.round.id, [teacher.id], key, o.now);
    messages.push(teacherReminder({ ...o, key, teacher, notBefore: o.now }));
  }
  return { messages, outcome: { sent: messages.length, atBudget: exhausted.length } };
}

/** One teacher's 1:1 reminder of a teachers' round, with a line to copy as the answer. */
export function teacherReminder(o: {
  key: string;
  teacher: { openId: string; name: string };
  campaign: Campaign;
  round: Round;
  now: Date;
  notBefore: Date;
  timezone: string;
  present: Pick<MessagePresenter, 'respondentReminderText'>;
}): OutgoingMessage {
  return {
    key: o.key,
    kind: 'reminder',
    to: { openId: o.teacher.openId },
    msgType: 'text',
    content: {
      text: o.present.respondentReminderText({
        name: o.teacher.name,
        honorific: responseTexts.honorific('teacher'),
        period: o.round.period,
        title: o.campaign.title,
        due: formatLocal(o.round.dueAt, o.timezone),
        example: exampleReply(o.campaign.definition.form.fields),
        pastDue: o.now.getTime() > o.round.dueAt.getTime(),
      }),
    },
    notBefore: o.notBefore,
  };
}
