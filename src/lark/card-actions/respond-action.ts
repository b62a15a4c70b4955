import { z } from 'zod';
import { findCampaignById } from '../../db/queries/campaigns.js';
import { enqueueMessages, outboxKey } from '../../db/queries/outbox.js';
import { findRoundById } from '../../db/queries/rounds.js';
import { answersFromCardForm } from '../../domain/forms/form-answers.js';
import { ensureAudience, recordResponse } from '../../domain/responses/record-response.js';
import { responseReceipt } from '../../domain/responses/response-receipt.js';
import { larkPresenter } from '../cards/lark-presenter.js';
import { DomainError } from '../../errors.js';
import { responseTexts } from '../../texts/response-texts.js';
import type { CardActionEvent } from '../lark-event-types.js';
import { defineCardAction, rowIdOrUndefined, toast } from './card-action.js';

/** A prompt card's form submitted: the answer, stored like a text reply, and a 1:1 receipt. */
export const respondAction = defineCardAction({
  name: 'respond',
  schema: z.object({ round_id: rowIdOrUndefined }),
  async run({ db, person, value, event, now, timezone }) {
    // The card names its round; an answer to a round that is no longer current is refused.
    const round = value.round_id === undefined ? undefined : await findRoundById(db, value.round_id);
    const campaign = round ? await findCampaignById(db, round.campaignId) : undefined;
    if (!round || !campaign) throw new DomainError('round_closed', responseTexts.roundClosed);
    // Someone the campaign does not ask is told so, not that its form lacks a field.
    ensureAudience(person, campaign);
    const recorded = await recordResponse(db, now, {
      person,
      campaign,
      answers: answersFromCardForm(campaign.definition.form.fields, formValueOf(event)),
      mode: 'replace',
      source: 'card',
      roundId: round.id,
    });
    // The toast vanishes; the 1:1 receipt stays, echoing every stored field.
    await enqueueMessages(db, now, [
      {
        key: outboxKey('card-receipt', event.event_id),
        kind: 'receipt',
        to: { openId: person.openId },
        msgType: 'text',
        content: { text: larkPresenter.receiptText(responseReceipt(recorded, person, timezone, false)) },
        notBefore: now,
      },
    ]);
    return toast('success', responseTexts.receiptToast(recorded.previous !== undefined));
  },
});

/** Cards sent before the campaigns were data said `check_in`; they answer the same way. */
export const checkInAction = defineCardAction({ ...respondAction, name: 'check_in' });

function formValueOf(event: CardActionEvent): Record<string, unknown> {
  const form: unknown = event.action?.form_value;
  return form && typeof form === 'object' && !Array.isArray(form) ? (form as Record<string, unknown>) : {};
}
