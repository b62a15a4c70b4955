import { z } from 'zod';
import { readReviewQueue } from '../../domain/evidence/read-review-queue.js';
import { reviewEvidence } from '../../domain/evidence/review-evidence.js';
import { isDomainError } from '../../errors.js';
import { evidenceReviewTexts as t } from '../../texts/evidence-review-texts.js';
import { buildEvidenceReviewCard, decidedNote, evidenceReviewPresenter } from '../cards/evidence-review-card.js';
import { escapeMarkdown } from '../cards/escape-markdown.js';
import type { CardResponse } from '../lark-event-types.js';
import { defineCardAction, rowId, toast } from './card-action.js';
import { placeFields, whereOf } from './review-page-action.js';

/**
 * 通过 or 确认退回 (the reason in form_value.note) on the review card: the same verb as the CLI's
 * `evidence review`. The card is redrawn without the upload; when another reviewer came first it
 * is redrawn too, and the toast says who decided.
 */
export const reviewEvidenceAction = defineCardAction({
  name: 'review_evidence',
  schema: z.object({ evidence_id: rowId, decision: z.enum(['accepted', 'rejected']), page: z.number().int().min(1).max(100_000), ...placeFields }),
  async run({ db, person, value, now, timezone, event }) {
    const form: unknown = event.action?.form_value;
    const raw = form && typeof form === 'object' ? (form as Record<string, unknown>).note : undefined;
    const redraw = async (said: CardResponse, note: string): Promise<CardResponse> => {
      try {
        const queue = await readReviewQueue(db, { reviewer: person, where: whereOf(value), page: value.page });
        return { ...said, card: { type: 'raw', data: buildEvidenceReviewCard(queue, { timezone, note }) } };
      } catch (error) {
        // The decision stands; only the list could not be read again (its place is gone).
        if (!isDomainError(error)) throw error;
        return said;
      }
    };
    try {
      const done = await reviewEvidence(db, now, {
        evidenceId: value.evidence_id,
        reviewer: person,
        decision: value.decision,
        ...(typeof raw === 'string' ? { note: raw } : {}),
        origin: { channel: 'card', chatId: event.context?.open_chat_id ?? null },
        timezone,
        present: evidenceReviewPresenter,
      });
      const said = toast('success', done.decision === 'accepted' ? t.acceptedToast : t.rejectedToast);
      return redraw(said, decidedNote({ decision: done.decision, ...done.evidence }));
    } catch (error) {
      if (!isDomainError(error) || error.code !== 'already_reviewed') throw error;
      return redraw(toast('error', error.userMessage), escapeMarkdown(error.userMessage));
    }
  },
});
