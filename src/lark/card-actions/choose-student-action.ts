import { z } from 'zod';
import { findStudent } from '../../db/queries/students.js';
import { readStudent } from '../../domain/register/read-student.js';
import { recordVisit } from '../../domain/register/record-visit.js';
import { normalizeText } from '../../domain/text/normalize-text.js';
import { localDate } from '../../domain/time/zoned-time.js';
import { parseVisitText } from '../../domain/visits/parse-visit-text.js';
import { visitFromForm } from '../../domain/visits/visit-from-form.js';
import { DomainError } from '../../errors.js';
import { studentTexts as t } from '../../texts/student-texts.js';
import { buildChosenCard } from '../cards/choose-student-card.js';
import { larkPresenter } from '../cards/lark-presenter.js';
import { buildStudentCard } from '../cards/student-card.js';
import { visitReplyText } from '../cards/visit-reply-text.js';
import { defineCardAction, rowId, toast } from './card-action.js';

const text = z.string().max(4000);
const chosen = z.object({ open_id: z.string().min(1), for: z.enum(['visit', 'visit-form', 'student']), student_id: rowId, args: text.min(1), said: text });
const dropIt = z.object({ open_id: z.string().min(1), cancel: z.literal(true) });

/**
 * A click on the chooser (namesakes, or a name not found): the visit is filed for the student
 * picked, or the student's card replaces the chooser. The visit rode in the button and is read
 * again here as it was then; recordVisit and readStudent check the clicker may do it.
 */
export const chooseStudentAction = defineCardAction({
  name: 'choose_student',
  schema: z.union([dropIt, chosen]),
  async run(ctx) {
    const { db, person, value, now, timezone, event } = ctx;
    if (value.open_id !== person.openId) return toast('error', t.chooseNotYours);
    if ('cancel' in value) return { ...toast('info', t.chooseDropped), card: { type: 'raw', data: buildChosenCard(t.chooseDropped) } };
    const student = await findStudent(db, value.student_id);
    if (!student || student.leftAt) throw new DomainError('unknown_student', t.chooseGone);
    const origin = { channel: 'card' as const, chatId: event.context?.open_chat_id ?? null };
    if (value.for === 'student') {
      const reading = await readStudent(db, now, { person, student, origin });
      return { card: { type: 'raw', data: buildStudentCard(reading, timezone) } };
    }
    const today = localDate(now, timezone);
    // Normalised again: a button's value is only what the card says it is.
    const parsed = value.for === 'visit-form' ? visitFromForm(formValues(value.args), today) : parseVisitText({ text: normalizeText(value.args), said: value.said, today });
    const recorded = await recordVisit(db, now, { teacher: person, student, report: parsed, origin, timezone, present: larkPresenter });
    const said = visitReplyText(recorded, parsed, { inGroup: false, today });
    return { ...toast('success', said.split('\n')[0]!), card: { type: 'raw', data: buildChosenCard(said) } };
  },
});

/** The form's values as the chooser's button carried them; anything else reads as an empty form (and is refused as one). */
function formValues(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
