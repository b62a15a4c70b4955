import type { LaggingContent, NudgeContent, ReceiptContent, RespondentReminderContent } from '../../domain/messages/message-presenter.js';
import { escalationTexts } from '../../texts/escalation-texts.js';
import { reminderTexts } from '../../texts/reminder-texts.js';
import { responseTexts } from '../../texts/response-texts.js';
import { escapeText } from './escape-markdown.js';
import { mentionPerson } from './mention.js';

/** The bureau chat's 【落后提醒】 (a text message): every town, school and title escaped. */
export function buildLaggingText(o: LaggingContent): string {
  return escalationTexts.lagging({
    ...o,
    title: escapeText(o.title),
    command: escapeText(o.command),
    schools: o.schools.map((s) => ({ ...s, town: escapeText(s.town), school: escapeText(s.school) })),
  });
}

/** The school chat's nudge (a text message): `<at>` for each teacher, their names and the title escaped. */
export function buildNudgeText(o: NudgeContent): string {
  return reminderTexts.nudgeMessage(o.teachers.map(mentionPerson).join(' '), escapeText(o.title), o.due, escapeText(o.example), o.pastDue);
}

/** A 1:1 reminder (a text message) to someone who still owes an answer. */
export function buildRespondentReminderText(o: RespondentReminderContent): string {
  if (o.example !== undefined) {
    return reminderTexts.respondentWithExample(escapeText(o.name), o.honorific, o.period, escapeText(o.title), o.due, escapeText(o.example), o.pastDue ?? false);
  }
  return reminderTexts.respondent(escapeText(o.name), o.honorific, o.period, escapeText(o.title), o.due);
}

/** The receipt for a stored answer (a text message, in the group when answered there): name, title and echoed notes escaped. */
export function buildReceiptText({ masked, ...o }: ReceiptContent): string {
  const receipt = responseTexts.receipt({
    ...o,
    name: escapeText(o.name),
    title: escapeText(o.title),
    echo: escapeText(o.echo),
    changes: o.changes?.map(escapeText),
  });
  // Said even in a group (it names no child): the teacher learns why her note looks different.
  return masked.length > 0 ? `${receipt}\n${responseTexts.masked(masked.map((m) => ({ ...m, label: escapeText(m.label) })))}` : receipt;
}
