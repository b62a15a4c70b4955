import { randomBytes } from 'node:crypto';
import { computeLarkSignature, encryptLarkPayload } from '../../src/lark/lark-crypto.js';
import { SANDBOX_CREDENTIALS, p2pChatIdFor } from '../../src/lark/sandbox/sandbox-state.js';
import type { HttpRequestSpec } from './http-load.js';

export type TeacherMessage = { eventId: string; messageId: string; openId: string; request: HttpRequestSpec };

const hex = (n: number) => randomBytes(n).toString('hex');

/**
 * A teacher's 1:1 message to the bot as Lark posts it: im.message.receive_v1 in a v2 envelope,
 * encrypted with the app's Encrypt Key and signed over the raw body, stamped `at`.
 */
export function teacherMessage(openId: string, text: string, at: Date, messageId = `om_${hex(16)}`): TeacherMessage {
  const eventId = hex(16);
  const ms = String(at.getTime());
  const envelope = {
    schema: '2.0',
    header: {
      event_id: eventId,
      event_type: 'im.message.receive_v1',
      create_time: ms,
      token: SANDBOX_CREDENTIALS.verificationToken,
      app_id: SANDBOX_CREDENTIALS.appId,
      tenant_key: 'sandbox',
    },
    event: {
      sender: { sender_id: { open_id: openId, union_id: `on_${openId}` }, sender_type: 'user', tenant_key: 'sandbox' },
      message: {
        message_id: messageId,
        create_time: ms,
        update_time: ms,
        chat_id: p2pChatIdFor(openId),
        chat_type: 'p2p',
        message_type: 'text',
        content: JSON.stringify({ text }),
        mentions: [],
      },
    },
  };
  const key = SANDBOX_CREDENTIALS.encryptKey;
  const body = JSON.stringify({ encrypt: encryptLarkPayload(JSON.stringify(envelope), key) });
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const nonce = hex(8);
  return {
    eventId,
    messageId,
    openId,
    request: {
      method: 'POST',
      path: '/lark/events',
      headers: {
        'x-lark-request-timestamp': timestamp,
        'x-lark-request-nonce': nonce,
        'x-lark-signature': computeLarkSignature(timestamp, nonce, key, body),
      },
      body,
    },
  };
}

export const CHECK_IN_TEXT = '走访5户 电话3户 新增预警1人';
