import { z } from 'zod';
import { rectifyInspection } from '../../domain/inspections/rectify-inspection.js';
import { inspectionTexts as t } from '../../texts/inspection-texts.js';
import { buildInspectionNoticeCard, inspectionPresenter } from '../cards/inspection-notice-card.js';
import { defineCardAction, rowId, toast } from './card-action.js';

/**
 * 已整改 on the principal's inspection card: the note (required) is stored as the school's
 * rectification; the principal is thanked and the inspector told, 1:1; the card shows the note.
 */
export const inspectionRectifyAction = defineCardAction({
  name: 'inspection_rectify',
  schema: z.object({ inspection_id: rowId }),
  async run({ db, person, value, now, timezone, event }) {
    const form = event.action?.form_value;
    const note = form && typeof form === 'object' && typeof (form as Record<string, unknown>).note === 'string' ? ((form as Record<string, unknown>).note as string) : '';
    const view = await rectifyInspection(db, now, {
      principal: person,
      inspectionId: value.inspection_id,
      note,
      origin: { channel: 'card', chatId: event.context?.open_chat_id ?? null },
      present: inspectionPresenter,
    });
    return { ...toast('success', t.rectified), card: { type: 'raw', data: buildInspectionNoticeCard(view, { updated: false, timezone }) } };
  },
});
