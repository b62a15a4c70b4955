import type { EventClaim } from '../../db/queries/inbox.js';
import { enqueueMessages, outboxKey, type OutgoingMessage } from '../../db/queries/outbox.js';
import { findActivePersonByOpenId } from '../../db/queries/people.js';
import { offerChatBinding } from '../../domain/roster/bind-chat.js';
import { noteBotRemoved, type BotRemoval } from '../../domain/roster/chat-membership.js';
import type { Deps } from '../../deps.js';
import { chatBindingTexts as t } from '../../texts/chat-binding-texts.js';
import { buildBindingOfferCard } from '../cards/bind-chat-card.js';
import { escapeText } from '../cards/escape-markdown.js';

/** The fields Ducha reads from 机器人进群 / 机器人被移出群 (im.chat.member.bot.added_v1 / deleted_v1), flattened by the SDK. */
export type BotMembershipEvent = { event_id: string; chat_id?: unknown; operator_id?: { open_id?: unknown }; name?: unknown };

const stringOrUndefined = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * The bot was added to a group: 「这是哪个学校的群？」 in that chat for the person who added it, with
 * the places they may bind it to; someone who may not bind chats is told who can. One transaction
 * with the event's dedup mark, like every event.
 */
export async function handleBotAdded(deps: Deps, event: BotMembershipEvent, claim: EventClaim): Promise<void> {
  const chatId = stringOrUndefined(event.chat_id);
  const operator = stringOrUndefined(event.operator_id?.open_id);
  await deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const [claimed, person] = await Promise.all([claim.take(tx), operator ? findActivePersonByOpenId(tx, operator) : undefined]);
    if (!claimed) return;
    let offerMessage: OutgoingMessage | undefined;
    if (chatId) {
      const offer = await offerChatBinding(tx, { person, chatId });
      const base = { key: outboxKey('bind-offer', event.event_id), kind: 'bind-offer', to: { chatId }, notBefore: now };
      offerMessage =
        offer.kind === 'offer' && person
          ? { ...base, msgType: 'interactive', content: buildBindingOfferCard(offer, { chatId, personName: person.name }) }
          : { ...base, msgType: 'text', content: { text: t.notEligible } };
    }
    deps.log.info('bot added to a chat', { eventId: event.event_id, chatId, byRoster: person !== undefined });
    await Promise.all([offerMessage && enqueueMessages(tx, now, [offerMessage]), claim.done(tx, now)]);
  });
  deps.outbox.deliverSoon();
}

/**
 * The bot was removed from a group: a school's chat is marked (its prompts go to the principal 1:1
 * meanwhile) and every admin is told 1:1 which school, and who removed it when the event says.
 */
export async function handleBotRemoved(deps: Deps, event: BotMembershipEvent, claim: EventClaim): Promise<void> {
  const chatId = stringOrUndefined(event.chat_id);
  await deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    if (!(await claim.take(tx))) return;
    const removal = chatId ? await noteBotRemoved(tx, now, { chatId, operatorOpenId: stringOrUndefined(event.operator_id?.open_id) }) : undefined;
    deps.log.info('bot removed from a chat', { eventId: event.event_id, chatId, place: removal?.place.kind ?? 'unbound' });
    const text = removal && removalText(removal, stringOrUndefined(event.name) ?? chatId!);
    const flags: OutgoingMessage[] = (text ? removal.admins : []).map((admin) => ({
      key: outboxKey('bot-removed', event.event_id, admin.id),
      kind: 'bot-removed',
      to: { openId: admin.openId },
      msgType: 'text',
      content: { text },
      notBefore: now,
    }));
    await Promise.all([enqueueMessages(tx, now, flags), claim.done(tx, now)]);
  });
  deps.outbox.deliverSoon();
}

function removalText(removal: BotRemoval, chatName: string): string {
  const who = escapeText(removal.removedBy ?? t.someone);
  const chat = escapeText(chatName);
  if (removal.place.kind === 'bureau') return t.removedFromBureau({ who, chat });
  const principals = removal.place.principals.length > 0 ? escapeText(removal.place.principals.join('、')) : escapeText(t.noPrincipal);
  return t.removedFromSchool({ who, place: escapeText(removal.place.label), chat, principals });
}
