import type { EventClaim } from '../../db/queries/inbox.js';
import { enqueueMessages, outboxKey, type OutgoingMessage } from '../../db/queries/outbox.js';
import { findActivePersonByOpenId } from '../../db/queries/people.js';
import { listActiveCampaignsWithCurrentRound } from '../../db/queries/rounds.js';
import type { Deps } from '../../deps.js';
import { commonTexts } from '../../texts/common-texts.js';
import type { MenuEvent } from '../lark-event-types.js';
import { answerMenu, type MenuAnswer } from './answer-menu.js';
import { replyContent } from './handle-message-event.js';

/**
 * A click on the bot's custom menu (`application.bot.menu_v6`, 1:1 chats only): the event names
 * the person and the item's `event_key`, no chat and no message, so every answer goes 1:1 by
 * open_id. The answers and the event's done mark commit together (`claim`), like a message's.
 */
export async function handleMenuEvent(deps: Deps, event: MenuEvent, claim: EventClaim): Promise<void> {
  const openId = stringOrUndefined(event.operator?.operator_id?.open_id);
  const eventKey = stringOrUndefined(event.event_key);
  const log = deps.log.child({ eventId: event.event_id, menuKey: eventKey });
  await deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const [claimed, person, campaigns] = await Promise.all([
      claim.take(tx),
      openId ? findActivePersonByOpenId(tx, openId) : undefined,
      openId && eventKey ? listActiveCampaignsWithCurrentRound(tx, now) : [],
    ]);
    if (!claimed) return;
    let answer: MenuAnswer | undefined;
    if (!openId || !eventKey) {
      log.info('menu event ignored', { reason: 'no operator or no event_key' });
    } else if (!person) {
      log.info('menu event from someone not in the roster');
      answer = { replies: [{ text: commonTexts.notInRoster }] };
    } else {
      answer = await answerMenu({ db: tx, person, campaigns, now, timezone: deps.config.timezone }, eventKey);
      if (answer.refused) log.warn('command refused', { personId: person.id, role: person.role, command: answer.refused, via: 'menu' });
      else log.info('menu answered', { personId: person.id, role: person.role, unknownKey: answer.unknownKey ?? false, replies: answer.replies.length });
    }
    const messages: OutgoingMessage[] = (answer?.replies ?? []).map((reply, i) => ({
      key: outboxKey('menu', event.event_id, i),
      kind: 'menu-reply',
      to: { openId: openId! },
      ...replyContent(reply),
      notBefore: now,
    }));
    await Promise.all([enqueueMessages(tx, now, messages), claim.done(tx, now)]);
  });
  deps.outbox.deliverSoon();
}

const stringOrUndefined = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
