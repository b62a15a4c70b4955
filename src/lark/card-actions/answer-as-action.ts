import { z } from 'zod';
import { findCampaignById } from '../../db/queries/campaigns.js';
import { enqueueMessages, outboxKey } from '../../db/queries/outbox.js';
import { findRoundById } from '../../db/queries/rounds.js';
import { recordResponse } from '../../domain/responses/record-response.js';
import { responseReceipt } from '../../domain/responses/response-receipt.js';
import { larkPresenter } from '../cards/lark-presenter.js';
import { DomainError } from '../../errors.js';
import { responseTexts } from '../../texts/response-texts.js';
import { escapeMarkdown, escapeText } from '../cards/escape-markdown.js';
import { buildWhichReportDoneCard } from '../cards/which-report-card.js';
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
  async run({ db, person, value, event, now, timezone }) {
    if (value.open_id !== person.openId) return toast('error', responseTexts.whichReportNotYours);
    if ('cancel' in value) {
      return { ...toast('info', responseTexts.whichReportDropped), card: { type: 'raw', data: buildWhichReportDoneCard(responseTexts.whichReportDropped) } };
    }
    const round = await findRoundById(db, value.round_id);
    const campaign = round ? await findCampaignById(db, round.campaignId) : undefined;
    if (!round || !campaign) throw new DomainError('round_closed', responseTexts.roundClosed);
    const recorded = await recordResponse(db, now, {
      person,
      campaign,
      answers: { [value.field]: value.text },
      mode: 'merge',
      source: 'text',
      roundId: round.id,
    });
    await enqueueMessages(db, now, [
      {
        key: outboxKey('answer-as-receipt', event.event_id),
        kind: 'receipt',
        to: { openId: person.openId },
        msgType: 'text',
        content: { text: larkPresenter.receiptText(responseReceipt(recorded, person, timezone, false)) },
        notBefore: now,
      },
    ]);
    // The toast is plain text, the card markdown: the campaign's title escaped for each.
    const saved = responseTexts.whichReportSaved(round.period, escapeText(campaign.title));
    const card = buildWhichReportDoneCard(responseTexts.whichReportSaved(round.period, escapeMarkdown(campaign.title)));
    return { ...toast('success', saved), card: { type: 'raw', data: card } };
  },
});
