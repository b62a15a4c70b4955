import { z } from 'zod';
import { recordResponse } from '../../domain/responses/record-response.js';
import { responseTexts } from '../../texts/response-texts.js';
import { escapeMarkdown, escapeText } from '../cards/escape-markdown.js';
import { buildWhichReportDoneCard } from '../cards/which-report-card.js';
import { queueReceiptOfClick, roundNamedByCard } from './answered-by-click.js';
import { defineCardAction, rowId, toast } from './card-action.js';

const answerAs = z.object({ open_id: z.string().min(1), round_id: rowId, field: z.string().min(1).max(40), text: z.string().min(1) });
const dropIt = z.object({ open_id: z.string().min(1), cancel: z.literal(true) });

/**
 * A principal's plain text, placed by a click on the which-report card: stored as the chosen
 * campaign's answer (its main text field; the rest as stored before) with a 1:1 receipt, or dropped.
 */
export const answerAsAction = defineCardAction({
  name: 'answer_as',
  schema: z.union([dropIt, answerAs]),
  async run(ctx) {
    const { db, person, value, now } = ctx;
    if (value.open_id !== person.openId) return toast('error', responseTexts.whichReportNotYours);
    if ('cancel' in value) {
      return { ...toast('info', responseTexts.whichReportDropped), card: { type: 'raw', data: buildWhichReportDoneCard(responseTexts.whichReportDropped) } };
    }
    const { round, campaign } = await roundNamedByCard(db, value.round_id);
    const recorded = await recordResponse(db, now, {
      person,
      campaign,
      answers: { [value.field]: value.text },
      mode: 'merge',
      source: 'text',
      roundId: round.id,
    });
    await queueReceiptOfClick(ctx, 'answer-as-receipt', recorded);
    // The toast is plain text, the card markdown: the campaign's title escaped for each.
    const saved = responseTexts.whichReportSaved(round.period, escapeText(campaign.title));
    const card = buildWhichReportDoneCard(responseTexts.whichReportSaved(round.period, escapeMarkdown(campaign.title)));
    return { ...toast('success', saved), card: { type: 'raw', data: card } };
  },
});
