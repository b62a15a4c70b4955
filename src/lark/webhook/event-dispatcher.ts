import * as lark from '@larksuiteoapi/node-sdk';
import type { Deps } from '../../deps.js';
import { sdkLogger } from '../lark-client.js';
import type { CardActionEvent, CardResponse, MenuEvent, MessageEvent } from '../lark-event-types.js';
import { handleCardAction } from '../card-actions/handle-card-action.js';
import { handleMessageEvent } from '../chat/handle-message-event.js';
import { handleMenuEvent } from '../chat/handle-menu-event.js';
import { handleBotAdded, handleBotRemoved, type BotMembershipEvent } from '../chat/handle-bot-membership.js';
import type { EventClaim } from '../../db/queries/inbox.js';

/**
 * The SDK's dispatcher routes a verified, decrypted envelope to its handler by event type
 * (our own pipeline has already checked signature and token, so it runs with needCheck: false).
 * One per event, for its claim: constructing one is a few map entries.
 */
function createLarkDispatcher(deps: Deps, claim: EventClaim): lark.EventDispatcher {
  return new lark.EventDispatcher({ loggerLevel: lark.LoggerLevel.error, logger: sdkLogger(deps.log) }).register<{
    'card.action.trigger': (data: CardActionEvent) => Promise<CardResponse>;
  }>({
    'im.message.receive_v1': (data) => handleMessageEvent(deps, data as unknown as MessageEvent, claim),
    'card.action.trigger': (data) => handleCardAction(deps, data, claim),
    'application.bot.menu_v6': (data) => handleMenuEvent(deps, data as unknown as MenuEvent, claim),
    'im.chat.member.bot.added_v1': (data) => handleBotAdded(deps, data as unknown as BotMembershipEvent, claim),
    'im.chat.member.bot.deleted_v1': (data) => handleBotRemoved(deps, data as unknown as BotMembershipEvent, claim),
  });
}

/**
 * Runs an envelope through its handler, which takes the event with `claim` in its transaction;
 * `handled: false` means Ducha has no handler for its type (nothing was claimed).
 */
export async function dispatchEnvelope(deps: Deps, envelope: unknown, claim: EventClaim): Promise<{ handled: boolean; result: unknown }> {
  const dispatcher = createLarkDispatcher(deps, claim);
  const result: unknown = await dispatcher.invoke(withoutMergedPrototypeKeys(envelope), { needCheck: false });
  const handled = !(typeof result === 'string' && result.startsWith('no ') && result.endsWith(' event handle'));
  return { handled, result };
}

/**
 * The SDK flattens the envelope, its header and its event into one object with Object.assign,
 * which makes a `__proto__` key at those levels that object's prototype: a field the event lacks
 * (its sender) would be read from there. It is given them without such keys; deeper ones stay data.
 */
function withoutMergedPrototypeKeys(envelope: unknown): unknown {
  if (!isRecord(envelope)) return envelope;
  const top = withoutPrototypeKey(envelope);
  for (const part of ['header', 'event'] as const) {
    const inner = top[part];
    if (isRecord(inner)) top[part] = withoutPrototypeKey(inner);
  }
  return top;
}

const isRecord = (value: unknown): value is Record<string, unknown> => Boolean(value) && typeof value === 'object' && !Array.isArray(value);

const withoutPrototypeKey = (value: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(value).filter(([key]) => key !== '__proto__'));
