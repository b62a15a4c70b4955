import { findActivePersonByOpenId } from '../../db/queries/people.js';
import type { Deps } from '../../deps.js';
import type { NoticeFile } from '../../domain/notices/send-notice.js';
import { normalizeText } from '../../domain/text/normalize-text.js';
import type { Logger } from '../../log.js';
import { NOTICE_FILE_MAX_MB, noticeTexts as t } from '../../texts/notice-texts.js';
import type { MessageEvent } from '../lark-event-types.js';
import { storableText } from '../storable-payload.js';
import { extractMessageText } from './extract-message-text.js';
import { download, isClientError } from './receive-evidence.js';

/** The file a `通知 …` reply carries, or why it carries none (nothing is sent then). */
export type RepliedFile = { kind: 'file'; file: NoticeFile } | { kind: 'refused'; text: string };

const MAX_NOTICE_FILE_BYTES = NOTICE_FILE_MAX_MB * 1024 * 1024;
/** `通知 <范围> …` (not `通知 状态`), as the registry matches it: only a notice to send takes a file. */
const SENDS_A_NOTICE = /^(?:通知|notice)[\s:：]+(?!状态(?:\s|$))\S/i;

/** A 1:1 text that replies to another message and sends a notice: the message replied to should be its file. */
export function repliesWithNotice(message: MessageEvent['message']): boolean {
  if (message?.chat_type !== 'p2p' || !message.parent_id || message.message_type !== 'text') return false;
  const text = extractMessageText(message.message_type, message.content);
  return text !== undefined && SENDS_A_NOTICE.test(normalizeText(text));
}

type LarkMessage = { message_id?: string; parent_id?: string; msg_type?: string; chat_id?: string; sender?: { id?: string; sender_type?: string }; body?: { content?: string } };

/** One message as Lark holds it (im/v1/messages/:id); undefined when Lark will not give it (withdrawn, not visible). */
async function getMessage(deps: Deps, messageId: string): Promise<LarkMessage | undefined> {
  try {
    const got = await deps.lark.client.im.message.get({ path: { message_id: messageId }, params: { user_id_type: 'open_id' } });
    return got.code === 0 ? (got.data?.items?.[0] as LarkMessage | undefined) : undefined;
  } catch (error) {
    if (isClientError(error)) return undefined;
    throw error;
  }
}

/**
 * The rule for a notice's file: the officer sends the file 1:1, then replies to that file message
 * with `通知 …` (or to the bot's answer under it). Read and downloaded before the event's
 * transaction, bounded by NOTICE_FILE_MAX_MB; only for bureau and admin (others are refused 通知).
 */
export async function fetchRepliedFile(deps: Deps, o: { openId: string; message: NonNullable<MessageEvent['message']>; log: Logger }): Promise<RepliedFile | undefined> {
  const person = await findActivePersonByOpenId(deps.db, o.openId);
  if (!person || (person.role !== 'bureau' && person.role !== 'admin')) return undefined;
  let parent = await getMessage(deps, o.message.parent_id!);
  // A reply to the bot's answer under the file means the file.
  if (parent && parent.msg_type !== 'file' && parent.sender?.sender_type === 'app' && parent.parent_id) parent = await getMessage(deps, parent.parent_id);
  if (!parent) return { kind: 'refused', text: t.fileGone };
  if (parent.msg_type !== 'file') return { kind: 'refused', text: t.fileNotAFile };
  if (parent.sender?.sender_type !== 'user' || parent.sender.id !== o.openId || parent.chat_id !== o.message.chat_id) return { kind: 'refused', text: t.fileNotYours };
  const content = parseObject(parent.body?.content);
  const key = content?.file_key;
  if (typeof key !== 'string' || !/^[\w.-]{1,200}$/.test(key) || !parent.message_id) return { kind: 'refused', text: t.fileGone };
  let downloaded: Awaited<ReturnType<typeof download>>;
  try {
    downloaded = await download(deps, { messageId: parent.message_id, key, kind: 'file', limit: MAX_NOTICE_FILE_BYTES });
  } catch (error) {
    if (!isClientError(error)) throw error;
    o.log.warn('notice file download refused by lark', { messageId: parent.message_id });
    return { kind: 'refused', text: t.fileGone };
  }
  if ('over' in downloaded) return { kind: 'refused', text: t.fileTooBig(Math.ceil(downloaded.over / 1024 / 1024)) };
  if (downloaded.bytes.byteLength === 0) return { kind: 'refused', text: t.fileEmpty };
  return { kind: 'file', file: { name: fileNameOf(content?.file_name), bytes: downloaded.bytes } };
}

const parseObject = (text: string | undefined): Record<string, unknown> | undefined => {
  try {
    const parsed: unknown = JSON.parse(text ?? '');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

/** The name as sent, made safe to store and show (no control characters or path separators). */
const fileNameOf = (name: unknown): string =>
  (typeof name === 'string' ? storableText(name).replace(/[\u0000-\u001f\u007f/\\]/g, ' ').trim().slice(0, 200) : '') || '通知附件';
