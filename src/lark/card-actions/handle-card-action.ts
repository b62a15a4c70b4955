import type { Db } from '../../db/database.js';
import { claimReceivedEvent, markEventProcessed } from '../../db/queries/inbox.js';
import { enqueueMessages, outboxKey } from '../../db/queries/outbox.js';
import { findActivePersonByOpenId, type Person } from '../../db/queries/people.js';
import type { Deps } from '../../deps.js';
import { findCampaignById } from '../../db/queries/campaigns.js';
import { findRoundById } from '../../db/queries/rounds.js';
import { answersFromCardForm } from '../../domain/forms/form-answers.js';
import { recordResponse } from '../../domain/responses/record-response.js';
import { responseReceiptText } from '../../domain/responses/response-receipt.js';
import { loadSchoolCalendar } from '../../domain/calendar/load-school-calendar.js';
import { nudgeMissingTeachers } from '../../domain/reminders/nudge-missing-teachers.js';
import { DomainError, isDomainError } from '../../errors.js';
import { responseTexts } from '../../texts/response-texts.js';
import { commonTexts } from '../../texts/common-texts.js';
import { reminderTexts } from '../../texts/reminder-texts.js';
import { mentionPerson } from '../cards/mention.js';
import type { CardActionEvent, CardResponse } from '../lark-event-types.js';

const toast = (type: 'success' | 'error' | 'info', content: string): CardResponse => ({ toast: { type, content } });

/**
 * A click on one of the bot's cards, answered within Lark's 3 seconds with a toast. The effect,
 * any message it queues and the event's dedup mark commit together.
 */
export async function handleCardAction(deps: Deps, event: CardActionEvent): Promise<CardResponse> {
  const operator: unknown = event.operator?.open_id;
  const openId = typeof operator === 'string' && operator !== '' ? operator : undefined;
  const log = deps.log.child({ eventId: event.event_id, messageId: event.context?.open_message_id });
  const response = await deps.db.transaction(async (tx): Promise<CardResponse> => {
    // One round trip for both (pipelined); the person is unused if the click was handled already.
    const [claimed, person] = await Promise.all([
      claimReceivedEvent(tx, event.event_id),
      openId ? findActivePersonByOpenId(tx, openId) : undefined,
    ]);
    if (!claimed) return toast('info', '已处理');
    const now = deps.clock.now();
    let result: CardResponse;
    if (!person) {
      result = toast('error', commonTexts.notInRoster);
    } else {
      try {
        result = await act(deps, tx, person, event, now);
      } catch (error) {
        if (!isDomainError(error)) throw error;
        log.info('card action refused', { code: error.code, personId: person.id });
        result = toast('error', error.userMessage);
      }
    }
    await markEventProcessed(tx, event.event_id, now);
    return result;
  });
  deps.outbox.deliverSoon();
  return response;
}

async function act(deps: Deps, db: Db, person: Person, event: CardActionEvent, now: Date): Promise<CardResponse> {
  const raw = event.action?.value;
  const value = (raw && typeof raw === 'object' ? raw : {}) as { action?: unknown; round_id?: unknown; school_id?: unknown };
  const timezone = deps.config.timezone;
  // Our cards carry row ids; anything else in their place is not one of our buttons.
  const roundId = rowId(value.round_id);
  const schoolId = rowId(value.school_id);
  if (value.action === 'nudge' && roundId !== undefined && schoolId !== undefined) {
    const { calendar } = await loadSchoolCalendar(db, timezone);
    const { nudged, skipped } = await nudgeMissingTeachers(db, {
      principal: person,
      roundId,
      schoolId,
      now,
      timezone,
      calendar,
      mention: mentionPerson,
    });
    return toast('success', skipped.length ? reminderTexts.nudgedSkipping(nudged, skipped) : reminderTexts.nudged(nudged));
  }
  if (value.action === 'respond' || value.action === 'check_in') {
    // The card names its round; an answer to a round that is no longer current is refused.
    const round = roundId === undefined ? undefined : await findRoundById(db, roundId);
    const campaign = round ? await findCampaignById(db, round.campaignId) : undefined;
    if (!round || !campaign) throw new DomainError('round_closed', responseTexts.roundClosed);
    const recorded = await recordResponse(db, now, {
      person,
      campaign,
      answers: answersFromCardForm(campaign.definition.form.fields, formValueOf(event)),
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
        content: { text: responseReceiptText(recorded, person, timezone, false) },
        notBefore: now,
      },
    ]);
    return toast('success', responseTexts.receiptToast(recorded.replaced));
  }
  return toast('info', '这个按钮已失效');
}

/** A Postgres serial id, as our cards write it (a number, or its digits); undefined for anything else. */
function rowId(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n > 0 && n <= 2_147_483_647 ? n : undefined;
}

function formValueOf(event: CardActionEvent): Record<string, unknown> {
  const form: unknown = event.action?.form_value;
  return form && typeof form === 'object' && !Array.isArray(form) ? (form as Record<string, unknown>) : {};
}
