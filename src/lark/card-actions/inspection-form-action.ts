import { z } from 'zod';
import { inspectByForm, readInspectionSheet } from '../../domain/inspections/inspect-school.js';
import { inspectionTexts as t } from '../../texts/inspection-texts.js';
import { escapeText } from '../cards/escape-markdown.js';
import { buildInspectionCard } from '../cards/inspection-card.js';
import { inspectionPresenter } from '../cards/inspection-notice-card.js';
import type { CardActionEvent } from '../lark-event-types.js';
import { defineCardAction, rowId, toast } from './card-action.js';

/**
 * The inspection form submitted (only on a card the bot sent this person 1:1, see
 * handle-card-action.ts): the scores recorded or corrected, the card redrawn with them, and the
 * principal sent the deductions. A refusal leaves the form as it was, to fix and send again.
 */
export const inspectionFormAction = defineCardAction({
  name: 'inspection_form',
  schema: z.object({ school_id: rowId, framework_id: rowId, period: z.string().regex(/^\d{4}-\d{2}$/) }),
  async run({ db, person, value, now, timezone, event }) {
    if (person.role !== 'bureau' && person.role !== 'admin') return toast('error', t.onlyBureau);
    const done = await inspectByForm(db, {
      schoolId: value.school_id,
      frameworkId: value.framework_id,
      period: value.period,
      form: formValueOf(event),
      inspector: person,
      now,
      timezone,
      origin: { channel: 'card', chatId: event.context?.open_chat_id ?? null },
      present: inspectionPresenter,
    });
    const sheet = await readInspectionSheet(db, { school: done.view.school, now, timezone });
    return { ...toast('success', t.formRecorded(escapeText(done.view.school.name), done.changed)), card: { type: 'raw', data: buildInspectionCard(sheet, timezone) } };
  },
});

function formValueOf(event: CardActionEvent): Record<string, unknown> {
  const form: unknown = event.action?.form_value;
  return form && typeof form === 'object' && !Array.isArray(form) ? (form as Record<string, unknown>) : {};
}
