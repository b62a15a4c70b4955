import { Readable } from 'node:stream';
import type { Attachment } from '../../db/queries/outbox-attachments.js';
import type { OutboxRow } from '../../db/queries/outbox.js';
import type { LarkClient } from '../lark-client.js';

/**
 * Lark answers these for a message that can never go as it is (lark-platform.md §5.5): retrying
 * would only repeat the refusal, so the row becomes a dead letter and an admin is told.
 */
const PERMANENT_CODES = new Set([
  230001, // invalid parameter or content
  230002, // the bot is not in the chat
  230006, // bot ability off
  230011, // the message replied to was withdrawn
  230013, // user not in the app's availability, or resigned
  230017, 230018, 230019, 230022, 230025, 230027, 230028,
  230029, // user resigned
  230034, // bad receive_id (unknown open_id)
  230035, 230038, 230053, 230054,
  230099, // card build failed
  232009, // chat dissolved
  234001, // upload: a part missing or not a file
  234006, // upload: over 30 MB
  234010, // upload: empty file
  99991672, // the app lacks the permission
]);
/** Lark's gateway limit for the app: wait for the reset, it is not the message's fault. */
const GATEWAY_RATE_LIMIT = 99991400;
/** Lark's per-chat business limit: backed off like a transient error. */
export const CHAT_RATE_LIMIT = 230020;
/** When a 429 carries no reset header, Lark's windows are one second. */
const DEFAULT_RESET_MS = 1_000;
const MAX_RESET_MS = 10 * 60_000;

export class LarkSendError extends Error {
  constructor(
    readonly code: number | undefined,
    readonly httpStatus: number | undefined,
    message: string,
    /** Nothing Lark said: the row itself cannot go (a file row without its bytes). */
    readonly permanent = false,
  ) {
    super(message);
    this.name = 'LarkSendError';
  }
}

/**
 * The row's key is Lark's `uuid`, so a re-send after a crash is dropped by Lark within its hour.
 * A `file` row uploads its attachment first (again on each attempt: a file_key is cheap) and
 * sends the file_key it gets.
 */
export async function sendRowToLark(client: LarkClient, row: OutboxRow, files?: { attachment(key: string): Promise<Attachment | undefined> }): Promise<string> {
  const content = row.msgType === 'file' ? JSON.stringify({ file_key: await uploadAttachment(client, row, files) }) : row.content;
  const data = { msg_type: row.msgType, content, uuid: row.key };
  const response = row.replyTo
    ? await client.im.message.reply({ path: { message_id: row.replyTo }, data })
    : await client.im.message.create({
        params: { receive_id_type: row.receiveIdType! },
        data: { ...data, receive_id: row.receiveId! },
      });
  // The SDK resolves on HTTP 200 even when Lark refuses: the code tells.
  if (response.code !== 0) throw new LarkSendError(response.code, 200, response.msg ?? 'lark error');
  const messageId = response.data?.message_id;
  if (!messageId) throw new LarkSendError(undefined, 200, 'lark answered without a message_id');
  return messageId;
}

async function uploadAttachment(client: LarkClient, row: OutboxRow, files: { attachment(key: string): Promise<Attachment | undefined> } | undefined): Promise<string> {
  const attachment = await files?.attachment(row.key);
  if (!attachment?.bytes) throw new LarkSendError(undefined, undefined, 'file message without its bytes', true);
  // A stream with a `path`, so the multipart part carries a filename: a bare Buffer goes as a plain
  // field, and Lark refuses the upload. A fresh stream per attempt (a stream is read once).
  const file = Object.assign(Readable.from([Buffer.from(attachment.bytes)]), { path: attachment.fileName });
  const uploaded = await client.im.file.create({
    data: { file_type: attachment.fileType as 'xls' | 'stream', file_name: attachment.fileName, file: file as unknown as Buffer },
  });
  // The SDK hands back only `data`: a refusal with HTTP 200 arrives as no file_key.
  if (!uploaded?.file_key) throw new LarkSendError(undefined, 200, 'lark answered the upload without a file_key');
  return uploaded.file_key;
}

/**
 * What to do after a failed send:
 * - `after-reset`: Lark's gateway limit; wait `resetMs`, then send again (not a backoff step);
 * - `backoff`: 5xx, network trouble, timeouts, 230020, unknown codes; retry later, up to a day;
 * - `never`: Lark refused the message itself; dead letter.
 * `kind` names the failure for the dead-letter alert (one per kind per day); `text` starts with
 * `[kind]` so dead letters of one kind can be counted.
 */
export type SendFailure = {
  retry: 'after-reset' | 'backoff' | 'never';
  kind: string;
  code: number | undefined;
  resetMs: number;
  text: string;
};

export function classifySendFailure(error: unknown): SendFailure {
  const { status, code, msg, headers, networkCode } = readError(error);
  const own = error instanceof LarkSendError && error.permanent;
  const kind = own ? 'unsendable' : code !== undefined ? String(code) : status !== undefined ? `http-${status}` : networkKind(networkCode);
  const text = `[${kind}] ${msg}${status !== undefined ? ` (http ${status})` : ''}`.slice(0, 300);
  if (status === 429 || code === GATEWAY_RATE_LIMIT) {
    return { retry: 'after-reset', kind, code, resetMs: resetMsFrom(headers), text };
  }
  const permanent = own || (code !== undefined && PERMANENT_CODES.has(code));
  return { retry: permanent ? 'never' : 'backoff', kind, code, resetMs: 0, text };
}

function readError(error: unknown) {
  if (error instanceof LarkSendError) {
    return { status: error.httpStatus, code: error.code, msg: error.message, headers: undefined, networkCode: undefined };
  }
  // What axios throws (through the SDK) for a non-2xx answer or no answer at all.
  const e = error as {
    response?: { status?: number; data?: unknown; headers?: Record<string, unknown> };
    code?: string;
    message?: string;
  };
  const data = e.response?.data;
  const body = (typeof data === 'object' && data) || {};
  const code = (body as { code?: unknown }).code;
  const msg = (body as { msg?: unknown }).msg;
  // A proxy's 5xx page is text: its first words say more than axios' "status code 502".
  const text = typeof data === 'string' && data.trim() ? data.trim().slice(0, 120) : undefined;
  // A body cut off mid-answer comes with the 200 it started as: that is a network failure.
  const status = e.response?.status !== undefined && e.response.status >= 300 ? e.response.status : undefined;
  return {
    status,
    code: typeof code === 'number' && code !== 0 ? code : undefined,
    msg: typeof msg === 'string' ? msg : (text ?? e.message ?? String(error)),
    headers: e.response?.headers,
    networkCode: e.code,
  };
}

function networkKind(axiosCode: string | undefined): string {
  return axiosCode === 'ECONNABORTED' || axiosCode === 'ETIMEDOUT' ? 'timeout' : 'network';
}

/** `x-ogw-ratelimit-reset` is in seconds. */
function resetMsFrom(headers: Record<string, unknown> | undefined): number {
  const seconds = Number(headers?.['x-ogw-ratelimit-reset']);
  if (!Number.isFinite(seconds) || seconds <= 0) return DEFAULT_RESET_MS;
  return Math.min(seconds * 1000, MAX_RESET_MS);
}
