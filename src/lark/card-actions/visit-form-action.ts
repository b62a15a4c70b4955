import { z } from 'zod';
import { enqueueMessages, outboxKey } from '../../db/queries/outbox.js';
import { matchStudent } from '../../domain/register/match-student.js';
import { recordVisit } from '../../domain/register/record-visit.js';
import { localDate } from '../../domain/time/zoned-time.js';
import { visitFromForm } from '../../domain/visits/visit-from-form.js';
import { studentTexts } from '../../texts/student-texts.js';
import { visitTexts } from '../../texts/visit-texts.js';
import { buildChooseStudentCard, buildChosenCard } from '../cards/choose-student-card.js';
import { escapeText } from '../cards/escape-markdown.js';
import { larkPresenter } from '../cards/lark-presenter.js';
import { buildVisitFormCard } from '../cards/visit-form-card.js';
import { visitReplyText } from '../cards/visit-reply-text.js';
import type { CardActionEvent } from '../lark-event-types.js';
import { defineCardAction, toast } from './card-action.js';

/** 「记录家访」 on the school's prompt: the form goes 1:1 to whoever clicked (it will name a child). */
export const openVisitFormAction = defineCardAction({
  name: 'open_visit_form',
  schema: z.object({}),
  async run({ db, person, now, timezone, event }) {
    if (person.role !== 'teacher' && person.role !== 'principal') return toast('error', studentTexts.visitOnlySchoolStaff);
    await enqueueMessages(db, now, [
      {
        key: outboxKey('visit-form', event.event_id),
        kind: 'visit-form',
        to: { openId: person.openId },
        msgType: 'interactive',
        content: buildVisitFormCard({ openId: person.openId, today: localDate(now, timezone) }),
        notBefore: now,
      },
    ]);
    return toast('info', visitTexts.formSent);
  },
});

/**
 * The visit form submitted: checked like a text visit, the student matched in the clicker's own
 * school. A name that fits several (or none) sends the chooser 1:1; the form itself stays, so a
 * refusal can be fixed and sent again.
 */
export const visitFormAction = defineCardAction({
  name: 'visit_form',
  schema: z.object({ open_id: z.string().min(1) }),
  async run({ db, person, value, now, timezone, event }) {
    if (value.open_id !== person.openId) return toast('error', studentTexts.chooseNotYours);
    const today = localDate(now, timezone);
    const form = formValueOf(event);
    const parsed = visitFromForm(form, today);
    const match = await matchStudent(db, person, parsed.student);
    if (match.kind === 'none') return toast('error', studentTexts.studentNotFound(escapeText(parsed.student)));
    const origin = { channel: 'card' as const, chatId: event.context?.open_chat_id ?? null };
    if (match.kind === 'choose') {
      const card = buildChooseStudentCard({ openId: person.openId, for: 'visit-form', args: JSON.stringify(form), said: '', reason: match.reason, candidates: match.candidates, withSchool: false });
      await enqueueMessages(db, now, [{ key: outboxKey('visit-choose', event.event_id), kind: 'visit-choose', to: { openId: person.openId }, msgType: 'interactive', content: card, notBefore: now }]);
      return toast('info', studentTexts.chooseTitle);
    }
    const recorded = await recordVisit(db, now, { teacher: person, student: match.student, report: parsed, origin, timezone, present: larkPresenter });
    const said = visitReplyText(recorded, parsed, { inGroup: false, today });
    return { ...toast('success', said.split('\n')[0]!), card: { type: 'raw', data: buildChosenCard(said, visitTexts.formTitle) } };
  },
});

function formValueOf(event: CardActionEvent): Record<string, unknown> {
  const form: unknown = event.action?.form_value;
  return form && typeof form === 'object' && !Array.isArray(form) ? (form as Record<string, unknown>) : {};
}
