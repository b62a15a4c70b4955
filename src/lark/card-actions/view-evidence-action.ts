import { z } from 'zod';
import { sendEvidenceFile } from '../../domain/evidence/send-evidence-file.js';
import { evidenceReviewTexts as t } from '../../texts/evidence-review-texts.js';
import { defineCardAction, rowId, toast } from './card-action.js';

/**
 * 查看 on the review card (and the archive card): the upload's file, sent 1:1 to whoever clicked
 * through the outbox, never into the chat the card is in. Refusals (role, school, lost bytes) are toasts.
 */
export const viewEvidenceAction = defineCardAction({
  name: 'view_evidence',
  schema: z.object({ evidence_id: rowId }),
  async run({ db, person, value, now, event, evidence }) {
    await sendEvidenceFile(db, now, {
      evidenceId: value.evidence_id,
      viewer: person,
      store: evidence,
      origin: { channel: 'card', chatId: event.context?.open_chat_id ?? null },
    });
    return toast('success', t.viewSent);
  },
});
