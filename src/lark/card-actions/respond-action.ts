import { z } from 'zod';
import { answersFromCardForm } from '../../domain/forms/form-answers.js';
import { ensureAudience, recordResponse } from '../../domain/responses/record-response.js';
import { responseTexts } from '../../texts/response-texts.js';
import type { CardActionEvent } from '../lark-event-types.js';
import { queueReceiptOfClick, roundNamedByCard } from './answered-by-click.js';
import { defineCardAction, rowIdOrUndefined, toast } from './card-action.js';

/** A prompt card's form submitted: the answer, stored like a text reply, and a 1:1 receipt. */
export const respondAction = defineCardAction({
  name: 'respond',
  schema: z.object({ round_id: rowIdOrUndefined }),
  async run(ctx) {
    const { db, person, value, event, now } = ctx;
    // The card names its round; an answer to a round that is no longer current is refused.
    const { round, campaign } = await roundNamedByCard(db, value.round_id);
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
    await queueReceiptOfClick(ctx, 'card-receipt', recorded);
    return toast('success', responseTexts.receiptToast(recorded.previous !== undefined));
  },
});

/** Cards sent before the campaigns were data said `check_in`; they answer the same way. */
export const checkInAction = defineCardAction({ ...respondAction, name: 'check_in' });

function formValueOf(event: CardActionEvent): Record<string, unknown> {
  const form: unknown = event.action?.form_value;
  return form && typeof form === 'object' && !Array.isArray(form) ? (form as Record<string, unknown>) : {};
}
