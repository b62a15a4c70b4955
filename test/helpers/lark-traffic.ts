import { randomBytes } from 'node:crypto';
import { createLogger, type Logger } from '../../src/log.js';
import { computeLarkSignature, encryptLarkPayload } from '../../src/lark/lark-crypto.js';
import { buildEnvelope } from '../../src/lark/sandbox/deliver-event.js';
import { isP2pChatId, p2pChatIdFor, SANDBOX_BOT_OPEN_ID, type SandboxState } from '../../src/lark/sandbox/sandbox-state.js';

/**
 * Lark's side of inbound traffic for fault tests: envelopes built, encrypted and signed the way
 * Lark does (the sandbox's own builders), but sent by the test so it can repeat, delay, damage
 * or replay them.
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

/** Lark's wire form of a plaintext: `{"encrypt": base64(iv ‖ AES-256-CBC)}`, signed at `at`. */
export function sealed(plaintext: string, encryptKey: string, at: Date, options: { nonce?: string; signKey?: string } = {}) {
  const raw = JSON.stringify({ encrypt: encryptLarkPayload(plaintext, encryptKey) });
  return { raw, headers: signedHeaders(raw, options.signKey ?? encryptKey, at, options.nonce) };
}

/** Signature headers over exactly these bytes, with a timestamp of `at`. */
export function signedHeaders(raw: string, encryptKey: string, at: Date, nonce = hex(8)): Record<string, string> {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  return {
    'x-lark-request-timestamp': timestamp,
    'x-lark-request-nonce': nonce,
    'x-lark-signature': computeLarkSignature(timestamp, nonce, encryptKey, raw),
  };
}

/** POSTs raw bytes; the answer's body parsed as JSON when it is JSON. */
export async function post(url: string, raw: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: raw,
  });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: text };
  }
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

/** Runs tasks with at most `limit` in flight. */
export async function inParallel<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
