import type { LarkSettings } from '../../config.js';
import { decryptLarkPayload, isLarkSignatureValid } from '../lark-crypto.js';

export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;
const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

export type LarkEnvelope = {
  schema?: string;
  type?: string;
  token?: string;
  challenge?: string;
  header?: { event_id?: string; event_type?: string; token?: string; create_time?: string };
  event?: Record<string, unknown>;
  [key: string]: unknown;
};

export type PipelineOutcome =
  | { kind: 'challenge'; challenge: string }
  | { kind: 'event'; envelope: LarkEnvelope; eventId: string; eventType: string }
  | { kind: 'rejected'; status: 400 | 401 | 413; error: string };

const reject = (status: 400 | 401 | 413, error: string): PipelineOutcome => ({ kind: 'rejected', status, error });

/**
 * Lark's fixed inbound pipeline, for events and card callbacks alike: verify the signature over
 * the raw bytes inside a timestamp window → decrypt → answer the URL check → check the token.
 * Lark sends the URL check unsigned, so an unsigned body is accepted only if it is that check.
 */
export function runWebhookPipeline(
  raw: string,
  headers: Record<string, string | undefined>,
  settings: LarkSettings,
  now: Date,
): PipelineOutcome {
  if (Buffer.byteLength(raw, 'utf8') > MAX_WEBHOOK_BODY_BYTES) return reject(413, 'body too large');
  const outer = parseJsonObject(raw);
  if (!outer) return reject(400, 'malformed JSON');

  const signature = headers['x-lark-signature'];
  const timestamp = headers['x-lark-request-timestamp'];
  const nonce = headers['x-lark-request-nonce'];
  const signed = Boolean(signature || timestamp || nonce);
  const key = settings.encryptKey;

  if (key && signed) {
    if (!signature || !timestamp || !nonce) return reject(401, 'incomplete signature headers');
    const sentAt = Number(timestamp) * 1000;
    if (!Number.isFinite(sentAt) || Math.abs(now.getTime() - sentAt) > MAX_CLOCK_SKEW_MS) {
      return reject(401, 'stale or invalid timestamp');
    }
    if (!isLarkSignatureValid({ signature, timestamp, nonce }, key, raw)) return reject(401, 'bad signature');
  }

  let envelope: LarkEnvelope = outer;
  if (typeof outer.encrypt === 'string') {
    if (!key) return reject(400, 'encrypted body but no encrypt key configured');
    let plain: string;
    try {
      plain = decryptLarkPayload(outer.encrypt, key);
    } catch {
      return reject(400, 'cannot decrypt body');
    }
    const inner = parseJsonObject(plain);
    if (!inner) return reject(400, 'malformed JSON inside encrypted body');
    envelope = inner;
  } else if (key) {
    return reject(400, 'body must be encrypted');
  }

  if (envelope.type === 'url_verification') {
    if (envelope.token !== settings.verificationToken) return reject(401, 'wrong verification token');
    if (typeof envelope.challenge !== 'string') return reject(400, 'challenge missing');
    return { kind: 'challenge', challenge: envelope.challenge };
  }

  if (key && !signed) return reject(401, 'missing signature');
  if (envelope.schema !== '2.0' || !envelope.header) return reject(400, 'unsupported envelope: schema 2.0 expected');
  if (envelope.header.token !== settings.verificationToken) return reject(401, 'wrong verification token');
  const { event_id: eventId, event_type: eventType } = envelope.header;
  if (typeof eventId !== 'string' || !eventId || typeof eventType !== 'string' || !eventType) {
    return reject(400, 'event_id or event_type missing');
  }
  if (!envelope.event || typeof envelope.event !== 'object') return reject(400, 'event missing');
  return { kind: 'event', envelope, eventId, eventType };
}

function parseJsonObject(text: string): LarkEnvelope | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as LarkEnvelope) : undefined;
  } catch {
    return undefined;
  }
}
