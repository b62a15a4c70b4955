import { z } from 'zod';
import { implausibleCounts } from '../../domain/forms/form-answers.js';
import { recordResponse } from '../../domain/responses/record-response.js';
import { formTexts } from '../../texts/form-texts.js';
import { responseTexts } from '../../texts/response-texts.js';
import { buildConfirmAnswerDoneCard, confirmQuestion } from '../cards/confirm-answer-card.js';
import { queueReceiptOfClick, roundNamedByCard } from './answered-by-click.js';
import { defineCardAction, rowId, toast } from './card-action.js';

const answerValue = z.union([z.number(), z.string(), z.boolean(), z.null()]);

/**
 * 是/否 on the card asking to confirm an unusually large number. 是 stores the answers the card
 * carries (checked again against the form, merged like the text reply they came from) and sends
 * the receipt 1:1; 否 stores nothing. Either way the card loses its buttons.
 */
export const confirmAnswerAction = defineCardAction({
  name: 'confirm_answer',
  schema: z.object({ round_id: rowId, open_id: z.string().min(1), answers: z.record(z.string(), answerValue), yes: z.boolean() }),
  async run(ctx) {
    const { db, person, value, now } = ctx;
    if (value.open_id !== person.openId) return toast('error', formTexts.confirmNotYours);
    const { round, campaign } = await roundNamedByCard(db, value.round_id);
    const question = confirmQuestion(implausibleCounts(campaign.definition.form.fields, value.answers));
    if (!value.yes) {
      return { ...toast('info', formTexts.confirmCancelled), card: { type: 'raw', data: buildConfirmAnswerDoneCard(question, formTexts.confirmCancelled) } };
    }
    const recorded = await recordResponse(db, now, { person, campaign, answers: value.answers, mode: 'merge', source: 'text', roundId: round.id });
    await queueReceiptOfClick(ctx, 'confirm-receipt', recorded);
    return {
      ...toast('success', responseTexts.receiptToast(recorded.previous !== undefined)),
      card: { type: 'raw', data: buildConfirmAnswerDoneCard(question, formTexts.confirmed) },
    };
  },
});
