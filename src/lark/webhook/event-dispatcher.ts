import * as lark from '@larksuiteoapi/node-sdk';
import type { Deps } from '../../deps.js';
import { sdkLogger } from '../lark-client.js';
import type { CardActionEvent, CardResponse, MessageEvent } from '../lark-event-types.js';
import { handleCardAction } from '../card-actions/handle-card-action.js';
import { handleMessageEvent } from '../chat/handle-message-event.js';

export type LarkDispatcher = lark.EventDispatcher;

/**
 * The SDK's dispatcher routes a verified, decrypted envelope to its handler by event type
 * (our own pipeline has already checked signature and token, so it runs with needCheck: false).
 */
export function createLarkDispatcher(deps: Deps): LarkDispatcher {
  return new lark.EventDispatcher({ loggerLevel: lark.LoggerLevel.error, logger: sdkLogger(deps.log) }).register<{
    'card.action.trigger': (data: CardActionEvent) => Promise<CardResponse>;
  }>({
    'im.message.receive_v1': (data) => handleMessageEvent(deps, data as unknown as MessageEvent),
    'card.action.trigger': (data) => handleCardAction(deps, data),
  });
}

/** Runs a stored envelope through the dispatcher; undefined result means no handler for its type. */
export async function dispatchEnvelope(dispatcher: LarkDispatcher, envelope: unknown): Promise<{ handled: boolean; result: unknown }> {
  const result: unknown = await dispatcher.invoke(envelope, { needCheck: false });
  const handled = !(typeof result === 'string' && result.startsWith('no ') && result.endsWith(' event handle'));
  return { handled, result };
}
