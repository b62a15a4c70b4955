import type { LarkSettings } from '../../config.js';
import { messageOf, statusOf } from '../../errors.js';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../json-depth.js';
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
  | { kind: 'rejected'; code: RejectionCode; status: 400 | 401 | 413; error: string };

/** The pipeline's refusals (errors.ts gives each its status and message). */
type RejectionCode =
  | 'body_too_large'
  | 'malformed_json'
  | 'incomplete_signature'
  | 'stale_timestamp'
  | 'bad_signature'
  | 'no_encrypt_key'
  | 'undecryptable'
  | 'malformed_inner_json'
  | 'payload_too_deep'
  | 'not_encrypted'
  | 'wrong_token'
  | 'challenge_missing'
  | 'missing_signature'
  | 'unsupported_envelope'
  | 'event_id_missing'
  | 'event_missing';

const reject = (code: RejectionCode): PipelineOutcome => ({ kind: 'rejected', code, status: statusOf(code), error: messageOf(code) });

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
  if (Buffer.byteLength(raw, 'utf8') > MAX_WEBHOOK_BODY_BYTES) return reject('body_too_large');
  const outer = parseJsonObject(raw);
  if (!outer) return reject('malformed_json');
  if (outer === TOO_DEEP) return reject('payload_too_deep');

  const signature = headers['x-lark-signature'];
  const timestamp = headers['x-lark-request-timestamp'];
  const nonce = headers['x-lark-request-nonce'];
  const signed = Boolean(signature || timestamp || nonce);
  const key = settings.encryptKey;

  if (key && signed) {
    if (!signature || !timestamp || !nonce) return reject('incomplete_signature');
    const sentAt = Number(timestamp) * 1000;
    if (!Number.isFinite(sentAt) || Math.abs(now.getTime() - sentAt) > MAX_CLOCK_SKEW_MS) {
      return reject('stale_timestamp');
    }
    if (!isLarkSignatureValid({ signature, timestamp, nonce }, key, raw)) return reject('bad_signature');
  }

  let envelope: LarkEnvelope = outer;
  if (typeof outer.encrypt === 'string') {
    if (!key) return reject('no_encrypt_key');
    let plain: string;
    try {
      plain = decryptLarkPayload(outer.encrypt, key);
    } catch {
      return reject('undecryptable');
    }
    const inner = parseJsonObject(plain);
    if (!inner) return reject('malformed_inner_json');
    if (inner === TOO_DEEP) return reject('payload_too_deep');
    envelope = inner;
  } else if (key) {
    return reject('not_encrypted');
  }

  if (envelope.type === 'url_verification') {
    if (envelope.token !== settings.verificationToken) return reject('wrong_token');
    if (typeof envelope.challenge !== 'string') return reject('challenge_missing');
    return { kind: 'challenge', challenge: envelope.challenge };
  }

  if (key && !signed) return reject('missing_signature');
  if (envelope.schema !== '2.0' || !envelope.header) return reject('unsupported_envelope');
  if (envelope.header.token !== settings.verificationToken) return reject('wrong_token');
  const { event_id: eventId, event_type: eventType } = envelope.header;
  if (typeof eventId !== 'string' || !eventId || typeof eventType !== 'string' || !eventType) {
    return reject('event_id_missing');
  }
  if (!envelope.event || typeof envelope.event !== 'object') return reject('event_missing');
  return { kind: 'event', envelope, eventId, eventType };
}

const TOO_DEEP = 'too deep';

/**
 * A JSON object, or TOO_DEEP when it nests more than Lark ever does: refused here, before anything
 * that recurses (a copy, JSON.stringify, the database driver) can overflow its stack on it and
 * answer 500, which Lark would re-send forever. (JSON.parse itself does not recurse.)
 */
function parseJsonObject(text: string): LarkEnvelope | typeof TOO_DEEP | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return nestsDeeperThan(value, MAX_JSON_DEPTH) ? TOO_DEEP : (value as LarkEnvelope);
}
