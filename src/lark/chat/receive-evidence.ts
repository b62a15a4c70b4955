import { createHash } from 'node:crypto';
import { evidenceStorageKey } from '../../db/evidence-store.js';
import { findEvidenceByMessageId, type Evidence } from '../../db/queries/evidence.js';
import { findActivePersonByOpenId } from '../../db/queries/people.js';
import type { Deps } from '../../deps.js';
import { checkEvidenceFile, MAX_EVIDENCE_BYTES, tooBig, type EvidenceKind, type EvidenceType } from '../../domain/evidence/check-evidence-file.js';
import { monthOf, type StoredUpload } from '../../domain/evidence/file-evidence.js';
import { isDomainError } from '../../errors.js';
import { findPhotoTarget, type PhotoTarget } from '../../domain/inspections/inspection-photo.js';
import { findRectifyTarget, isRectificationCaption, type RectifyTarget } from '../../domain/inspections/rectification-photo.js';
import type { Logger } from '../../log.js';
import { evidenceTexts as t } from '../../texts/evidence-texts.js';
import { noticeTexts } from '../../texts/notice-texts.js';
import { escapeText } from '../cards/escape-markdown.js';
import { localDate } from '../../domain/time/zoned-time.js';
import type { MessageEvent } from '../lark-event-types.js';
import { storableText } from '../storable-payload.js';
import { extractMessageText } from './extract-message-text.js';

/** A photo or file a person sent 1:1, ready to be recorded in the event's transaction (or why not). */
export type ReceivedUpload =
  | { kind: 'refused'; text: string }
  | { kind: 'already'; evidence: Evidence }
  | { kind: 'stored'; upload: StoredUpload; caption?: string }
  /** An inspector's photo, captioned 「督查 学校 子项」: it goes with that score. */
  | { kind: 'inspection-photo'; target: PhotoTarget; photo: StoredUpload }
  /** A principal's photo captioned 「整改 子项 说明」: it answers that deduction. */
  | { kind: 'rectification-photo'; target: RectifyTarget; photo: StoredUpload };

/** The first image of a post (a photo sent with a caption): `{"content": [[{"tag": "img", "image_key"}], …]}`. */
function postImageKey(content: Record<string, unknown>): unknown {
  const rows = Array.isArray(content.content) ? content.content : [];
  for (const row of rows.slice(0, 50)) {
    const image = Array.isArray(row) ? row.find((e: unknown) => (e as { tag?: unknown } | null)?.tag === 'img') : undefined;
    if (image) return (image as { image_key?: unknown }).image_key;
  }
  return undefined;
}

const parseContent = (content: string | undefined): Record<string, unknown> | undefined => {
  try {
    const parsed: unknown = JSON.parse(content ?? '');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

/** A photo, a file, or a post with a photo in it (its text is the caption). */
export function isUploadMessage(message: MessageEvent['message']): boolean {
  if (message?.message_type === 'image' || message?.message_type === 'file') return true;
  if (message?.message_type !== 'post') return false;
  const content = parseContent(message.content);
  return content !== undefined && postImageKey(content) !== undefined;
}

/** The resource's key and name in an image (`{image_key}`), file (`{file_key, file_name}`) or post message's content, and a post's caption. */
function readResource(message: NonNullable<MessageEvent['message']>): { kind: EvidenceKind; key: string; fileName: string | undefined; caption: string | undefined } | undefined {
  const c = parseContent(message.content);
  if (!c) return undefined;
  const kind: EvidenceKind = message.message_type === 'file' ? 'file' : 'image';
  const key = message.message_type === 'post' ? postImageKey(c) : kind === 'image' ? c.image_key : c.file_key;
  if (typeof key !== 'string' || !/^[\w.-]{1,200}$/.test(key)) return undefined;
  const fileName = typeof c.file_name === 'string' ? storableText(c.file_name).replace(/[\u0000-\u001f\u007f/\\]/g, ' ').trim().slice(0, 200) : undefined;
  const caption = message.message_type === 'post' ? extractMessageText('post', message.content)?.trim() : undefined;
  return { kind, key, fileName: fileName || undefined, caption: caption || undefined };
}

/** Lark answered the download with a 4xx (the message withdrawn, the resource gone): not worth a retry. */
export const isClientError = (error: unknown): boolean => {
  const status = (error as { response?: { status?: unknown } } | null)?.response?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
};

/** The body of a download: a Node Readable on Node; under workerd the SDK may hand over a web ReadableStream. */
type DownloadBody = AsyncIterable<Uint8Array> & { destroy?: () => void; cancel?: () => Promise<void> };

/** Drops a download not read to its end: a Node stream is destroyed, a web stream cancelled. */
function abandon(body: DownloadBody): void {
  if (typeof body.destroy === 'function') body.destroy();
  else if (typeof body.cancel === 'function') body.cancel().catch(() => {});
}

/** Reads the resource through Lark's message-resource API, stopping as soon as it passes `limit`. */
export async function download(deps: Deps, o: { messageId: string; key: string; kind: EvidenceKind; limit: number }): Promise<{ bytes: Uint8Array } | { over: number }> {
  const resource = await deps.lark.client.im.messageResource.get({ path: { message_id: o.messageId, file_key: o.key }, params: { type: o.kind } });
  const body = resource.getReadableStream() as unknown as DownloadBody;
  const declared = Number((resource.headers as Record<string, unknown> | undefined)?.['content-length']);
  if (Number.isFinite(declared) && declared > o.limit) {
    abandon(body);
    return { over: declared };
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Leaving the loop early ends the download either way: it destroys a Node stream and cancels a web one.
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > o.limit) return { over: size };
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { bytes };
}

/**
 * A principal's or teacher's photo or file sent 1:1: downloaded from Lark, checked (size, type by
 * its bytes) and put in the evidence store, all before the event's transaction, which only records
 * it. Undefined when it is not for evidence (not in the roster: the usual answer follows).
 * A message recorded already is not downloaded again.
 */
export async function receiveUpload(deps: Deps, o: { openId: string; message: NonNullable<MessageEvent['message']>; log: Logger }): Promise<ReceivedUpload | undefined> {
  const person = await findActivePersonByOpenId(deps.db, o.openId);
  if (!person) return undefined;
  const inspector = person.role === 'bureau' || person.role === 'admin';
  if (!inspector && ((person.role !== 'principal' && person.role !== 'teacher') || person.schoolId === null)) return { kind: 'refused', text: t.onlyStaff };
  // An officer's file is the 方案/文件 of a notice to come (a file has no caption to file it under an inspection).
  if (inspector && o.message.message_type === 'file') return { kind: 'refused', text: noticeTexts.fileReceived(escapeText(readResource(o.message)?.fileName ?? '')) };
  const messageId = o.message.message_id!;
  const known = await findEvidenceByMessageId(deps.db, messageId);
  if (known) return { kind: 'already', evidence: known };
  if (!deps.evidence) return { kind: 'refused', text: t.nodeOnly };
  const resource = readResource(o.message);
  if (!resource) return { kind: 'refused', text: t.unreadable };
  let target: PhotoTarget | undefined;
  let rectifies: RectifyTarget | undefined;
  // Checked before the download: a photo that cannot go anywhere is not fetched.
  try {
    if (inspector) target = await findPhotoTarget(deps.db, { inspector: person, caption: resource.caption, now: deps.clock.now(), timezone: deps.config.timezone });
    else if (isRectificationCaption(resource.caption)) rectifies = await findRectifyTarget(deps.db, { principal: person, caption: resource.caption });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { kind: 'refused', text: error.userMessage };
  }
  const limit = MAX_EVIDENCE_BYTES[resource.kind];
  let downloaded: { bytes: Uint8Array } | { over: number };
  try {
    downloaded = await download(deps, { messageId, key: resource.key, kind: resource.kind, limit });
  } catch (error) {
    if (!isClientError(error)) throw error;
    o.log.warn('evidence download refused by lark', { messageId, kind: resource.kind });
    return { kind: 'refused', text: t.downloadFailed };
  }
  if ('over' in downloaded) {
    o.log.info('evidence refused', { messageId, reason: 'too big', bytes: downloaded.over });
    return { kind: 'refused', text: tooBig(resource.kind, downloaded.over).userMessage };
  }
  const now = deps.clock.now();
  const fileName = resource.fileName ?? `照片-${localDate(now, deps.config.timezone)}`;
  let type: EvidenceType;
  try {
    type = checkEvidenceFile({ kind: resource.kind, fileName, bytes: downloaded.bytes });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    o.log.info('evidence refused', { messageId, reason: error.code, bytes: downloaded.bytes.length });
    return { kind: 'refused', text: error.userMessage };
  }
  const schoolId = target?.school.id ?? person.schoolId!;
  const storageKey = evidenceStorageKey({ schoolId, period: target?.period ?? monthOf(now, deps.config.timezone), messageId, extension: type.extension });
  await deps.evidence.put(storageKey, downloaded.bytes);
  const named = resource.fileName ?? `${fileName}.${type.extension}`;
  const upload: StoredUpload = { kind: resource.kind, fileName: named, type, byteLength: downloaded.bytes.length, sha256: createHash('sha256').update(downloaded.bytes).digest('hex'), storageKey, messageId };
  if (target) return { kind: 'inspection-photo', target, photo: upload };
  if (rectifies) return { kind: 'rectification-photo', target: rectifies, photo: upload };
  return { kind: 'stored', ...(resource.caption ? { caption: resource.caption } : {}), upload };
}
