import type { Db } from '../../db/database.js';
import type { EvidenceStore } from '../../db/evidence-store.js';
import { findEvidence } from '../../db/queries/evidence.js';
import { findEvidenceUnderReview } from '../../db/queries/evidence-review.js';
import { enqueueFileMessage } from '../../db/queries/outbox-attachments.js';
import { outboxKey } from '../../db/queries/outbox.js';
import type { Person } from '../../db/queries/people.js';
import { DomainError } from '../../errors.js';
import { evidenceReviewAuditTexts as a, evidenceReviewTexts as t } from '../../texts/evidence-review-texts.js';
import { audit, type AuditOrigin } from '../register/audit.js';

/** Who may open a school's evidence file: the bureau and admins any school's, a principal their own school's. */
export function mayViewEvidence(person: Person, schoolId: number): boolean {
  return person.role === 'bureau' || person.role === 'admin' || (person.role === 'principal' && person.schoolId === schoolId);
}

/**
 * 查看: a filed upload's file, read from the evidence store and queued as a file message 1:1 to
 * the viewer under its original name, whichever chat the card was in; audited. Nothing is
 * queued when the store is absent or has lost the bytes (the viewer is told which).
 */
export async function sendEvidenceFile(
  db: Db,
  now: Date,
  o: { evidenceId: number; viewer: Person; store: EvidenceStore | undefined; origin: AuditOrigin },
): Promise<{ fileName: string }> {
  const [row, filed] = await Promise.all([findEvidence(db, o.evidenceId), findEvidenceUnderReview(db, o.evidenceId)]);
  if (!row || !filed) throw new DomainError('unknown_evidence', t.unknownEvidence);
  if (!mayViewEvidence(o.viewer, row.schoolId)) throw new DomainError('not_an_evidence_viewer', t.viewNotAllowed);
  if (!o.store) throw new DomainError('evidence_unavailable', t.viewNoStore);
  const bytes = await o.store.get(row.storageKey);
  if (!bytes || bytes.byteLength === 0) throw new DomainError('evidence_bytes_missing', t.viewBytesGone);
  await enqueueFileMessage(db, now, {
    // Each click is its own message (the same file asked for twice is sent twice); a redelivered click is deduplicated upstream.
    key: outboxKey('evidence-view', o.viewer.id, crypto.randomUUID()),
    kind: 'evidence-view',
    to: { openId: o.viewer.openId },
    file: { name: row.fileName, type: 'stream', bytes },
    notBefore: now,
  });
  await audit(db, now, o.viewer, o.origin, [
    { action: 'evidence_view', studentId: null, detail: a.viewed(filed.schoolName, filed.period, filed.subItemCode, filed.fileName, filed.id) },
  ]);
  return { fileName: row.fileName };
}
