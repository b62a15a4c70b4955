import type { Db } from '../../db/database.js';
import type { Evidence } from '../../db/queries/evidence.js';
import type { Person } from '../../db/queries/people.js';
import { fileEvidenceUnder, recordEvidence } from '../../domain/evidence/file-evidence.js';
import { matchSubItem, pickerOrder, readActiveSubItems } from '../../domain/evidence/sub-items.js';
import { attachInspectionPhoto } from '../../domain/inspections/inspection-photo.js';
import { rectifyWithPhoto } from '../../domain/inspections/rectification-photo.js';
import { inspectionPresenter } from '../cards/inspection-notice-card.js';
import { isDomainError } from '../../errors.js';
import { inspectionPhotoTexts as p } from '../../texts/inspection-texts.js';
import { evidenceTexts as t } from '../../texts/evidence-texts.js';
import { buildEvidencePickerCard } from '../cards/evidence-picker-card.js';
import { escapeText } from '../cards/escape-markdown.js';
import type { Answer } from './command-registry.js';
import type { ReceivedUpload } from './receive-evidence.js';

/** A caption that files the photo: `佐证 2.3`, `佐证：安全台账`. */
const CAPTION = /^\s*佐证[\s:：]+(.+?)\s*$/;

/** The value, or undefined when `run` refuses (a domain error). */
function safely<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    if (isDomainError(error)) return undefined;
    throw error;
  }
}

/** The picker for an upload not yet filed; a plain text when there is no framework to pick from. */
async function pickerFor(db: Db, person: Person, evidence: Evidence): Promise<Answer> {
  const active = await readActiveSubItems(db);
  if (!active || active.subItems.length === 0) return { reply: { text: t.receivedNoFramework(escapeText(evidence.fileName)) } };
  const card = buildEvidencePickerCard({ openId: person.openId, evidenceId: evidence.id, fileName: evidence.fileName, subItems: pickerOrder(active.subItems) });
  return { reply: { card } };
}

/**
 * Inside the event's transaction: records the photo or file already in the store (once per
 * message) and answers 1:1 with the sub-item picker, or says why nothing was stored.
 */
export async function answerUpload(ctx: { db: Db; person: Person; now: Date; timezone: string; chatId: string | null }, received: ReceivedUpload): Promise<Answer> {
  if (received.kind === 'refused') return { reply: { text: received.text } };
  if (received.kind === 'inspection-photo') return answerInspectionPhoto(ctx, received);
  if (received.kind === 'rectification-photo') return answerRectificationPhoto(ctx, received);
  if (received.kind === 'already') {
    if (received.evidence.uploadedById === ctx.person.id && (ctx.person.role === 'bureau' || ctx.person.role === 'admin')) return { reply: { text: p.already(escapeText(received.evidence.fileName)) } };
    if (received.evidence.subItemId !== null) return { reply: { text: t.alreadyReceived(escapeText(received.evidence.fileName)) } };
    return pickerFor(ctx.db, ctx.person, received.evidence);
  }
  const { evidence } = await recordEvidence(ctx.db, ctx.now, { person: ctx.person, timezone: ctx.timezone, ...received.upload });
  const words = CAPTION.exec(received.caption ?? '')?.[1];
  if (words) {
    // A photo sent with 「佐证 2.3」 as its caption is filed at once; words naming no sub-item get the picker.
    const active = await readActiveSubItems(ctx.db);
    const subItem = active ? safely(() => matchSubItem(active.subItems, words)) : undefined;
    if (subItem) {
      await fileEvidenceUnder(ctx.db, { person: ctx.person, evidenceId: evidence.id, subItemId: subItem.id });
      return { reply: { text: t.filed(escapeText(evidence.fileName), escapeText(subItem.code), escapeText(subItem.name)) } };
    }
  }
  return pickerFor(ctx.db, ctx.person, evidence);
}

/** An inspector's photo, stored already: kept with the score its caption names, or why not. */
async function answerInspectionPhoto(ctx: { db: Db; person: Person; now: Date; timezone: string; chatId: string | null }, received: Extract<ReceivedUpload, { kind: 'inspection-photo' }>): Promise<Answer> {
  try {
    const attached = await attachInspectionPhoto(ctx.db, ctx.now, {
      inspector: ctx.person,
      target: received.target,
      photo: received.photo,
      timezone: ctx.timezone,
      origin: { channel: 'chat', chatId: ctx.chatId },
    });
    if (!attached.fresh) return { reply: { text: p.already(escapeText(received.photo.fileName)) } };
    return { reply: { text: p.attached(escapeText(attached.school.name), escapeText(attached.subItem.code), escapeText(attached.subItem.name), escapeText(received.photo.fileName)) } };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { reply: { text: error.userMessage } };
  }
}

/** A principal's photo answering a deduction: the rectification with the photo as its evidence. */
async function answerRectificationPhoto(ctx: { db: Db; person: Person; now: Date; timezone: string; chatId: string | null }, received: Extract<ReceivedUpload, { kind: 'rectification-photo' }>): Promise<Answer> {
  const { target, photo } = received;
  try {
    const { fresh } = await rectifyWithPhoto(ctx.db, ctx.now, { principal: ctx.person, target, photo, timezone: ctx.timezone, origin: { channel: 'chat', chatId: ctx.chatId }, present: inspectionPresenter });
    if (!fresh) return { reply: { text: p.already(escapeText(photo.fileName)) } };
    return { reply: { text: p.rectified(escapeText(target.subItem.code), escapeText(target.subItem.name), escapeText(photo.fileName)) } };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { reply: { text: error.userMessage } };
  }
}
