import type { Campaign } from '../../db/queries/campaigns.js';
import { findCampaignById } from '../../db/queries/campaigns.js';
import { enqueueMessages, outboxKey } from '../../db/queries/outbox.js';
import { findRoundById, type Round } from '../../db/queries/rounds.js';
import type { RecordedResponse } from '../../domain/responses/record-response.js';
import { responseReceipt } from '../../domain/responses/response-receipt.js';
import { DomainError } from '../../errors.js';
import { responseTexts } from '../../texts/response-texts.js';
import { larkPresenter } from '../cards/lark-presenter.js';
import type { CardActionContext } from './card-action.js';

/** The round a button names and its campaign; a round that is gone is refused as closed. */
export async function roundNamedByCard(db: CardActionContext<unknown>['db'], roundId: number | undefined): Promise<{ round: Round; campaign: Campaign }> {
  const round = roundId === undefined ? undefined : await findRoundById(db, roundId);
  const campaign = round ? await findCampaignById(db, round.campaignId) : undefined;
  if (!round || !campaign) throw new DomainError('round_closed', responseTexts.roundClosed);
  return { round, campaign };
}

/**
 * The 1:1 receipt of an answer given by a click: the toast vanishes, this stays, echoing every
 * stored field. Keyed by the click's event, so a click handled twice queues one receipt.
 */
export async function queueReceiptOfClick(
  { db, now, event, person, timezone }: Pick<CardActionContext<unknown>, 'db' | 'now' | 'event' | 'person' | 'timezone'>,
  keyPrefix: string,
  recorded: RecordedResponse,
): Promise<void> {
  await enqueueMessages(db, now, [
    {
      key: outboxKey(keyPrefix, event.event_id),
      kind: 'receipt',
      to: { openId: person.openId },
      msgType: 'text',
      content: { text: larkPresenter.receiptText(responseReceipt(recorded, person, timezone, false)) },
      notBefore: now,
    },
  ]);
}
