import { z } from 'zod';
import { findCampaignById } from '../../db/queries/campaigns.js';
import { enqueueMessages, outboxKey } from '../../db/queries/outbox.js';
import { findRoundById } from '../../db/queries/rounds.js';
import { implausibleCounts } from '../../domain/forms/form-answers.js';
import { recordResponse } from '../../domain/responses/record-response.js';
import { responseReceipt } from '../../domain/responses/response-receipt.js';
import { larkPresenter } from '../cards/lark-presenter.js';
import { DomainError } from '../../errors.js';
import { formTexts } from '../../texts/form-texts.js';
import { responseTexts } from '../../texts/response-texts.js';
import { buildConfirmAnswerDoneCard, confirmQuestion } from '../cards/confirm-answer-card.js';
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
  async run({ db, person, value, event, now, timezone }) {
    if (value.open_id !== person.openId) return toast('error', formTexts.confirmNotYours);
    const round = await findRoundById(db, value.round_id);
    const campaign = round ? await findCampaignById(db, round.campaignId) : undefined;
    if (!round || !campaign) throw new DomainError('round_closed', responseTexts.roundClosed);
    const question = confirmQuestion(implausibleCounts(campaign.definition.form.fields, value.answers));
    if (!value.yes) {
      return { ...toast('info', formTexts.confirmCancelled), card: { type: 'raw', data: buildConfirmAnswerDoneCard(question, formTexts.confirmCancelled) } };
    }
    const recorded = await recordResponse(db, now, { person, campaign, answers: value.answers, mode: 'merge', source: 'text', roundId: round.id });
    const receipt = larkPresenter.receiptText(responseReceipt(recorded, person, timezone, false));
    await enqueueMessages(db, now, [
      { key: outboxKey('confirm-receipt', event.event_id), kind: 'receipt', to: { openId: person.openId }, msgType: 'text', content: { text: receipt }, notBefore: now },
    ]);
    return {
      ...toast('success', responseTexts.receiptToast(recorded.previous !== undefined)),
      card: { type: 'raw', data: buildConfirmAnswerDoneCard(question, formTexts.confirmed) },
    };
  },
});
