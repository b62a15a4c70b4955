import type { LarkClient } from './lark-client.js';
import type { Logger } from '../log.js';

/** Who the bot is on Lark: its open_id, to tell a group message that @-mentions it from one that does not. */
export type BotIdentity = {
  /** The bot's open_id, asked of Lark once and kept; asked again next time if that failed (throws then). */
  openId(): Promise<string>;
};

/**
 * Asks `GET /open-apis/bot/v3/info` at most once at a time and keeps the first answer. A failure
 * is not kept: the next group message asks again, so a Lark hiccup at start costs no restart.
 */
export function createBotIdentity(client: LarkClient, log: Logger): BotIdentity {
  let known: string | undefined;
  let asking: Promise<string> | undefined;
  return {
    openId() {
      if (known) return Promise.resolve(known);
      asking ??= fetchBotOpenId(client).then(
        (openId) => {
          known = openId;
          log.info('bot identity known', { botOpenId: openId });
          return openId;
        },
        (error: unknown) => {
          asking = undefined;
          log.warn('bot identity unavailable', { error });
          throw error;
        },
      );
      return asking;
    },
  };
}

async function fetchBotOpenId(client: LarkClient): Promise<string> {
  const body = await client.request<{ code?: unknown; msg?: unknown; bot?: { open_id?: unknown } }>({ method: 'GET', url: '/open-apis/bot/v3/info' });
  const openId = body?.bot?.open_id;
  if (body?.code !== 0 || typeof openId !== 'string' || openId === '') {
    throw new Error(`bot/v3/info answered code ${String(body?.code)}: ${String(body?.msg)}`);
  }
  return openId;
}
