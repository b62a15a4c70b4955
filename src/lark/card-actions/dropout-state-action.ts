import { z } from 'zod';
import { findStudent } from '../../db/queries/students.js';
import { dropoutStates } from '../../db/schema/children-followup.js';
import { loadSchoolCalendar } from '../../domain/calendar/load-school-calendar.js';
import { changeDropoutState } from '../../domain/dropouts/change-dropout-state.js';
import { readDropoutCase } from '../../domain/dropouts/read-dropouts.js';
import { DomainError } from '../../errors.js';
import { dropoutStateNames as names, dropoutTexts as t } from '../../texts/dropout-texts.js';
import { studentTexts } from '../../texts/student-texts.js';
import { buildDropoutCaseCard } from '../cards/dropout-case-card.js';
import { escapeMarkdown } from '../cards/escape-markdown.js';
import { defineCardAction, rowId, toast } from './card-action.js';

const state = z.enum(dropoutStates);

/**
 * A state button on a case card (1:1): the same verb as `状态`, refused when the card is older
 * than the case (another move came first); the card is redrawn as the case now stands.
 */
export const dropoutStateAction = defineCardAction({
  name: 'dropout_state',
  schema: z.object({ open_id: z.string().min(1), case_id: rowId, student_id: rowId, from: state, to: state }),
  async run(ctx) {
    const { db, person, value, now, timezone, event } = ctx;
    if (value.open_id !== person.openId) return toast('error', t.cardNotYours);
    const student = await findStudent(db, value.student_id);
    if (!student || student.leftAt) throw new DomainError('unknown_student', studentTexts.chooseGone);
    const origin = { channel: 'card' as const, chatId: event.context?.open_chat_id ?? null };
    const { from } = await changeDropoutState(db, now, { person, student, to: value.to, expected: { caseId: value.case_id, from: value.from }, origin });
    const { calendar } = await loadSchoolCalendar(db, timezone);
    const reading = await readDropoutCase(db, now, { person, student, calendar, origin });
    const said = t.changed(escapeMarkdown(student.name), names[from], names[value.to]);
    return { ...toast('success', `${names[from]} → ${names[value.to]}`), card: { type: 'raw', data: buildDropoutCaseCard(reading!, { openId: person.openId, timezone, note: said }) } };
  },
});
