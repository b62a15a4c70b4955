import type { Db } from '../../db/database.js';
import { findSentMessageTarget, type MessageTarget } from '../../db/queries/outbox.js';
import { findActivePersonByOpenId, type Person } from '../../db/queries/people.js';
import type { Deps } from '../../deps.js';
import { isDomainError } from '../../errors.js';
import { cardActionTexts, commonTexts } from '../../texts/common-texts.js';
import type { CardActionEvent, CardResponse } from '../lark-event-types.js';
import type { EventClaim } from '../../db/queries/inbox.js';
import { toast } from './card-action.js';
import { matchCardAction } from './card-action-registry.js';

/**
 * A click on one of the bot's cards, answered within Lark's 3 seconds with a toast. The effect,
 * any message it queues and the event's dedup mark (`claim`) commit together.
 */
export async function handleCardAction(deps: Deps, event: CardActionEvent, claim: EventClaim): Promise<CardResponse> {
  const openId = stringOrUndefined(event.operator?.open_id);
  const messageId = stringOrUndefined(event.context?.open_message_id);
  const log = deps.log.child({ eventId: event.event_id, messageId });
  const response = await deps.db.transaction(async (tx): Promise<CardResponse> => {
    // One round trip for all three (pipelined); the rest is unused if the click was handled already.
    const [claimed, person, sentTo] = await Promise.all([
      claim.take(tx),
      openId ? findActivePersonByOpenId(tx, openId) : undefined,
      messageId ? findSentMessageTarget(tx, messageId) : undefined,
    ]);
    if (!claimed) return toast('info', cardActionTexts.alreadyHandled);
    const now = deps.clock.now();
    let result: CardResponse;
    if (!person) {
      result = toast('error', commonTexts.notInRoster);
    } else if (!sentTo || !mayClick(sentTo, person, event)) {
      // Every action changes something (an answer, a nudge): only on a card the bot sent this person.
      log.info('card action refused', { code: 'not_your_card', personId: person.id, sentBefore: sentTo !== undefined });
      result = toast('error', cardActionTexts.notYourCard);
    } else {
      try {
        result = await act(deps, tx, person, event, now, groupOf(sentTo));
      } catch (error) {
        if (!isDomainError(error)) throw error;
        log.info('card action refused', { code: error.code, personId: person.id });
        result = toast('error', error.userMessage);
      }
    }
    await claim.done(tx, now);
    return result;
  });
  deps.outbox.deliverSoon();
  return response;
}

/**
 * Whether the bot sent the message to this person: 1:1, or into their own chat (a school's prompt
 * card). A card redrawn by a callback keeps its message id, so it stays theirs.
 */
function isSentTo(target: MessageTarget, person: Person): boolean {
  if ('openId' in target) return target.openId === person.openId;
  const chatId = 'chatId' in target ? target.chatId : target.inChat;
  return person.chatId !== null && chatId === person.chatId;
}

/** On a card the bot sent this person (or into their chat); or, for an action that checks roles itself, into any group. */
const mayClick = (target: MessageTarget, person: Person, event: CardActionEvent): boolean =>
  isSentTo(target, person) || (groupOf(target) !== undefined && matchCardAction(event.action?.value)?.action.anyoneInTheGroup === true);

/** The group chat a card was sent into; undefined for one sent 1:1 (or as a reply in a 1:1 chat). */
const groupOf = (target: MessageTarget): string | undefined => ('chatId' in target ? target.chatId : 'inChat' in target && !target.person ? target.inChat : undefined);

async function act(deps: Deps, db: Db, person: Person, event: CardActionEvent, now: Date, sentToChat: string | undefined): Promise<CardResponse> {
  const matched = matchCardAction(event.action?.value);
  if (!matched) return toast('info', cardActionTexts.expired);
  return matched.action.run({ db, person, value: matched.value, event, now, timezone: deps.config.timezone, ...(deps.evidence ? { evidence: deps.evidence } : {}), ...(sentToChat ? { sentToChat } : {}) });
}

const stringOrUndefined = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
