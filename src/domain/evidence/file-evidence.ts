import type { Db } from '../../db/database.js';
import { findEvidence, findLatestUnfiledEvidence, insertEvidenceOnce, setEvidenceSubItem, type Evidence } from '../../db/queries/evidence.js';
import type { Person } from '../../db/queries/people.js';
import { DomainError } from '../../errors.js';
import { evidenceTexts as t } from '../../texts/evidence-texts.js';
import { localParts } from '../time/zoned-time.js';
import type { EvidenceKind, EvidenceType } from './check-evidence-file.js';
import { matchSubItem, readActiveSubItems, type FrameworkSubItem } from './sub-items.js';

/** Only a school's own staff file its evidence; the bureau and admins look at it with 档案. */
export function assertMayFileEvidence(person: Person): asserts person is Person & { schoolId: number } {
  if ((person.role !== 'principal' && person.role !== 'teacher') || person.schoolId === null) {
    throw new DomainError('not_your_evidence', t.onlyStaff);
  }
}

/** `YYYY-MM` of `now` where the county is. */
export function monthOf(now: Date, timezone: string): string {
  const { year, month } = localParts(now, timezone);
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** A photo or file downloaded from Lark and put in the evidence store, ready to be recorded. */
export type StoredUpload = { kind: EvidenceKind; fileName: string; type: EvidenceType; byteLength: number; sha256: string; storageKey: string; messageId: string };

/** The evidence columns a stored upload fills, whoever files it and under whatever sub-item. */
export const uploadColumns = (u: StoredUpload) => ({
  kind: u.kind,
  fileName: u.fileName,
  mimeType: u.type.mimeType,
  byteLength: u.byteLength,
  sha256: u.sha256,
  storageKey: u.storageKey,
  larkMessageId: u.messageId,
});

/**
 * Records a photo or file the person sent (its bytes already in the store under `storageKey`),
 * for their school in this month, not yet under a sub-item. Once per Lark message.
 */
export async function recordEvidence(db: Db, now: Date, o: { person: Person; timezone: string } & StoredUpload): Promise<{ evidence: Evidence; fresh: boolean }> {
  assertMayFileEvidence(o.person);
  return insertEvidenceOnce(db, { schoolId: o.person.schoolId, period: monthOf(now, o.timezone), ...uploadColumns(o), uploadedById: o.person.id, uploadedAt: now });
}

type Filed = { evidence: Evidence; subItem: FrameworkSubItem };

async function activeSubItemsOrRefuse(db: Db): Promise<FrameworkSubItem[]> {
  const active = await readActiveSubItems(db);
  if (!active || active.subItems.length === 0) throw new DomainError('no_framework', t.noFramework);
  return active.subItems;
}

/** `佐证 2.3`: the person's latest upload not yet filed goes under the sub-item the words name. */
export async function fileLatestEvidence(db: Db, o: { person: Person; words: string }): Promise<Filed> {
  assertMayFileEvidence(o.person);
  const subItems = await activeSubItemsOrRefuse(db);
  const latest = await findLatestUnfiledEvidence(db, o.person.id);
  if (!latest) throw new DomainError('no_unfiled_evidence', t.noUnfiled);
  const subItem = matchSubItem(subItems, o.words);
  await setEvidenceSubItem(db, latest.id, subItem.id);
  return { evidence: { ...latest, subItemId: subItem.id }, subItem };
}

/** The picker card's choice: this upload (the clicker's own) goes under this sub-item of the framework in force. */
export async function fileEvidenceUnder(db: Db, o: { person: Person; evidenceId: number; subItemId: number }): Promise<Filed> {
  assertMayFileEvidence(o.person);
  const found = await findEvidence(db, o.evidenceId);
  if (!found) throw new DomainError('no_unfiled_evidence', t.evidenceGone);
  if (found.uploadedById !== o.person.id) throw new DomainError('not_your_evidence', t.notYourEvidence);
  const subItems = await activeSubItemsOrRefuse(db);
  const subItem = subItems.find((s) => s.id === o.subItemId);
  if (!subItem) throw new DomainError('unknown_sub_item', t.unknownSubItem(String(o.subItemId), subItems.map((s) => s.code).slice(0, 30)));
  await setEvidenceSubItem(db, found.id, subItem.id);
  return { evidence: { ...found, subItemId: subItem.id }, subItem };
}
