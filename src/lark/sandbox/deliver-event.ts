import { randomBytes } from 'node:crypto';
import { computeLarkSignature, encryptLarkPayload } from '../lark-crypto.js';
import type { SandboxState } from './sandbox-state.js';

const hex = (n: number) => randomBytes(n).toString('hex');

/** A v2 envelope as Lark builds it, with the app's verification token in the header. */
export function buildEnvelope(state: SandboxState, eventType: string, event: unknown) {
  const now = state.clock.now().getTime();
  return {
    schema: '2.0',
    header: {
      event_id: hex(16),
      event_type: eventType,
      create_time: String(now),
      token: state.settings.verificationToken,
      app_id: state.settings.appId,
      tenant_key: 'sandbox',
    },
    event,
  };
}

/**
 * Encrypts, signs and POSTs an envelope to the app exactly as Lark does; or, when the app keeps a
 * long connection (LARK_MODE=ws), pushes it there as is, the ack's code and answer standing in
 * for the response's status and body.
 */
export async function deliverEnvelope(
  state: SandboxState,
  path: '/lark/events' | '/lark/card',
  envelope: unknown,
): Promise<{ status: number; body: unknown }> {
  if (state.longConnection) {
    const ack = await state.longConnection.deliver(envelope);
    return { status: ack.code, body: ack.data ?? {} };
  }
  if (!state.appUrl) throw new Error('sandbox has no app URL to deliver to yet');
  const key = state.settings.encryptKey!;
  const raw = JSON.stringify({ encrypt: encryptLarkPayload(JSON.stringify(envelope), key) });
  const timestamp = String(Math.floor(state.clock.now().getTime() / 1000));
  const nonce = hex(8);
  const post = () =>
    fetch(state.appUrl + path, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'x-lark-request-timestamp': timestamp,
        'x-lark-request-nonce': nonce,
        'x-lark-signature': computeLarkSignature(timestamp, nonce, key, raw),
      },
      body: raw,
    });
  // Lark re-sends an event it could not deliver. Once here, at once, for the common case: a kept-alive
  // connection the app closed just as this request went out on it (undici: "other side closed").
  const response = await post().catch(post);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: response.status, body };
}
