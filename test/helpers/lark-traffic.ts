import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { createLogger, type Logger } from '../../src/log.js';
import { computeLarkSignature, decryptLarkPayload, encryptLarkPayload } from '../../src/lark/lark-crypto.js';
import { buildEnvelope } from '../../src/lark/sandbox/deliver-event.js';
import { isP2pChatId, p2pChatIdFor, SANDBOX_BOT_OPEN_ID, type SandboxState } from '../../src/lark/sandbox/sandbox-state.js';

/**
 * Lark's side of inbound traffic, the one place tests build Lark's wire payloads: envelopes built,
 * encrypted and signed the way Lark does (the sandbox's own builders), but sent by the test so it
 * can repeat, delay, damage, forge or replay them.
 */

export type Envelope = ReturnType<typeof buildEnvelope>;
export type Answer = { status: number; body: any };

const hex = (n: number) => randomBytes(n).toString('hex');

/** A person's text message: added to the sandbox's chat (so the bot can reply) and wrapped as Lark would. */
export function messageEvent(state: SandboxState, input: { openId: string; text: string; chatId?: string }) {
  const chatId = input.chatId ?? p2pChatIdFor(input.openId);
  const chatType = isP2pChatId(chatId) ? 'p2p' : 'group';
  const shown = chatType === 'group' ? `@_user_1 ${input.text}` : input.text;
  const said = state.add({
    chat_id: chatId,
    chat_type: chatType,
    msg_type: 'text',
    content: { text: shown },
    text: input.text,
    receive_id_type: null,
    receive_id: null,
    parent_id: null,
    uuid: null,
    sender: { type: 'user', open_id: input.openId },
  });
  const envelope = buildEnvelope(state, 'im.message.receive_v1', {
    sender: { sender_id: { open_id: input.openId, union_id: `on_${input.openId}` }, sender_type: 'user', tenant_key: 'sandbox' },
    message: {
      message_id: said.message_id,
      create_time: said.create_time,
      update_time: said.create_time,
      chat_id: chatId,
      chat_type: chatType,
      message_type: 'text',
      content: JSON.stringify({ text: shown }),
      mentions: chatType === 'group' ? [{ key: '@_user_1', id: { open_id: SANDBOX_BOT_OPEN_ID }, name: '督查助手', tenant_key: 'sandbox' }] : [],
    },
  });
  return { messageId: said.message_id, envelope };
}

/** A click on a card (a form submit when formValue is given), as Lark sends it to /lark/card. */
export function cardEvent(
  state: SandboxState,
  input: { openId: string; messageId: string; chatId: string; value: unknown; formValue?: Record<string, unknown> },
): Envelope {
  return buildEnvelope(state, 'card.action.trigger', {
    operator: { open_id: input.openId, union_id: `on_${input.openId}`, tenant_key: 'sandbox' },
    token: `c-${hex(8)}`,
    action: {
      value: input.value,
      tag: 'button',
      timezone: 'Asia/Shanghai',
      ...(input.formValue ? { form_value: input.formValue, name: 'submit' } : {}),
    },
    host: 'im_message',
    context: { open_message_id: input.messageId, open_chat_id: input.chatId },
  });
}

/** A v1.0 envelope (no schema, the event's fields beside its type), as older Lark apps were sent: Ducha refuses it. */
export function v1Envelope(state: SandboxState, envelope: Envelope) {
  return {
    uuid: hex(16),
    ts: `${Math.floor(state.clock.now().getTime() / 1000)}.000`,
    token: state.settings.verificationToken,
    type: 'event_callback',
    event: { type: envelope.header.event_type, app_id: state.settings.appId, tenant_key: 'sandbox', ...(envelope.event as object) },
  };
}

/** The URL check Lark sends (unsigned) when the request URL is saved, encrypted with `encryptKey`. */
export function urlVerification(challenge: string, verificationToken: string, encryptKey: string): string {
  return encrypted(JSON.stringify({ challenge, token: verificationToken, type: 'url_verification' }), encryptKey);
}

/** Lark's (unsigned) wire form of a plaintext: `{"encrypt": base64(iv ‖ AES-256-CBC)}`. */
export function encrypted(plaintext: string, encryptKey: string): string {
  return JSON.stringify({ encrypt: encryptLarkPayload(plaintext, encryptKey) });
}

/** Ciphertext under another key that `encryptKey` cannot decrypt at all (retried until it fails cleanly). */
export function encryptedUnderAnotherKey(plaintext: string, encryptKey: string): string {
  for (;;) {
    const encrypt = encryptLarkPayload(plaintext, `wrong-${hex(8)}`);
    try {
      decryptLarkPayload(encrypt, encryptKey);
    } catch {
      return JSON.stringify({ encrypt });
    }
  }
}

/** Lark's wire form of a plaintext: `{"encrypt": base64(iv ‖ AES-256-CBC)}`, signed at `at`. */
export function sealed(plaintext: string, encryptKey: string, at: Date, options: { nonce?: string; signKey?: string } = {}) {
  const raw = encrypted(plaintext, encryptKey);
  return { raw, headers: signedHeaders(raw, options.signKey ?? encryptKey, at, options.nonce) };
}

/**
 * Signature headers over exactly these bytes, with a timestamp of `at` (or, given a string, that
 * very header text, e.g. one that is not a number).
 */
export function signedHeaders(raw: string, encryptKey: string, at: Date | string, nonce = hex(8)): Record<string, string> {
  const timestamp = typeof at === 'string' ? at : String(Math.floor(at.getTime() / 1000));
  return {
    'x-lark-request-timestamp': timestamp,
    'x-lark-request-nonce': nonce,
    'x-lark-signature': computeLarkSignature(timestamp, nonce, encryptKey, raw),
  };
}

/** Headers that look right but whose signature was computed over another nonce than the one sent. */
export function misSignedHeaders(raw: string, encryptKey: string, at: Date): Record<string, string> {
  const headers = signedHeaders(raw, encryptKey, at);
  return { ...headers, 'x-lark-signature': computeLarkSignature(headers['x-lark-request-timestamp']!, 'x', encryptKey, raw) };
}

/** Where `nestedJson` goes in a payload: put this string in the object, then `withNestedJson` its JSON. */
export const NESTED_HERE = '<nested json here>';

/**
 * `depth` levels of nesting as JSON text, `[[[1]]]` or `{"a":{"a":1}}`: written by hand, since
 * JSON.stringify recurses and overflows on a few thousand levels (JSON.parse does not).
 */
export function nestedJson(depth: number, options: { objects?: boolean } = {}): string {
  return options.objects ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) : '['.repeat(depth) + '1' + ']'.repeat(depth);
}

/** `value` as JSON, with `nested` (JSON text) in place of each NESTED_HERE in it. */
export function withNestedJson(value: unknown, nested: string): string {
  return JSON.stringify(value).replaceAll(JSON.stringify(NESTED_HERE), () => nested);
}

/**
 * A copy of `object` with an own, enumerable `key` (`__proto__` too: JSON.parse makes such keys,
 * an object literal or an assignment would set the prototype instead), which JSON.stringify writes.
 */
export function withOwnKey<T extends object>(object: T, key: string, value: unknown): T {
  const copy = { ...object };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** A JSON body `{"encrypt":"AAA…"}` of more than totalBytes, in 64 KiB chunks (to send without a content-length). */
export function oversizeChunks(totalBytes: number): Uint8Array[] {
  const encoder = new TextEncoder();
  const chunks = [encoder.encode('{"encrypt":"')];
  for (let sent = 0; sent < totalBytes; sent += 64 * 1024) chunks.push(encoder.encode('A'.repeat(64 * 1024)));
  chunks.push(encoder.encode('"}'));
  return chunks;
}

/**
 * POSTs raw bytes; the answer's body parsed as JSON when it is JSON. Chunks (sent chunked, with no
 * content-length) or a chosen `agent` (a connection of its own: `false`) go over plain node:http.
 */
export async function post(
  url: string,
  raw: string | Uint8Array[],
  headers: Record<string, string> = {},
  options: { agent?: http.Agent | false } = {},
): Promise<Answer> {
  if (Array.isArray(raw) || options.agent !== undefined) {
    return httpRequest(url, { method: 'POST', body: raw, headers, agent: options.agent ?? false });
  }
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: raw,
  });
  return { status: response.status, body: parseBody(await response.text()) };
}

const parseBody = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/**
 * Plain node:http, for what fetch cannot do: pick the connection (agent) and stream a chunked body
 * (fetch gives up with "other side closed" when the server answers before the upload is done).
 * A string body is sent with a content-length, an array of chunks with chunked transfer encoding.
 */
export function httpRequest(
  target: string,
  options: { method: 'GET' | 'POST'; body?: string | Uint8Array[]; headers?: Record<string, string>; agent: http.Agent | false },
): Promise<Answer> {
  const url = new URL(target);
  const { body } = options;
  const headers: Record<string, string> = { ...options.headers };
  if (typeof body === 'string') headers['content-length'] = String(Buffer.byteLength(body));
  if (Array.isArray(body)) headers['transfer-encoding'] = 'chunked';
  if (body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = http.request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method: options.method, headers, agent: options.agent },
      (response) => {
        answered = true;
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (d: string) => (text += d));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: parseBody(text) }));
      },
    );
    // Once the server has answered it may close the socket mid-upload; that is not a failure.
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (Array.isArray(body)) for (const chunk of body) request.write(chunk);
    request.end(typeof body === 'string' ? body : undefined);
  });
}

export type LogLine = { level: string; msg: string; [key: string]: unknown };

/** A real logger (the server's JSON lines) that keeps its lines for the test to read. */
export function capturingLogger(): { log: Logger; lines: LogLine[]; raw: string[] } {
  const raw: string[] = [];
  const lines: LogLine[] = [];
  const log = createLogger({
    level: 'debug',
    write: (line) => {
      raw.push(line);
      lines.push(JSON.parse(line) as LogLine);
    },
  });
  return { log, lines, raw };
}

/**
 * The `code` of each line that carries one, in order: what tests assert on, not a line's wording
 * (`webhook rejected` carries the pipeline's code, `card action refused` a DomainError's).
 */
export const codesOf = (lines: readonly LogLine[]): string[] => lines.flatMap((l) => (typeof l.code === 'string' ? [l.code] : []));

/** Runs tasks with at most `limit` in flight. */
export async function inParallel<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

