import type { Db } from '../../db/database.js';
import { decideEvidenceIfPending, findEvidenceUnderReview, type EvidenceUnderReview } from '../../db/queries/evidence-review.js';
import { enqueueMessages, outboxKey } from '../../db/queries/outbox.js';
import type { Person } from '../../db/queries/people.js';
import { DomainError } from '../../errors.js';
import { evidenceReviewAuditTexts as a, evidenceReviewTexts as t } from '../../texts/evidence-review-texts.js';
import { loadSchoolCalendar } from '../calendar/load-school-calendar.js';
import { audit, type AuditOrigin } from '../register/audit.js';
import { formatLocal } from '../time/zoned-time.js';

export type ReviewDecision = 'accepted' | 'rejected';

/** The longest reason a return may give: it is read in a 1:1 text and on the archive card. */
export const MAX_REVIEW_NOTE = 200;

/** How a returned upload reaches its uploader: Lark's text (lark/cards/evidence-review-card.ts). */
export type EvidenceReviewPresenter = {
  rejectedText(o: { evidence: EvidenceUnderReview; note: string; reviewer: Person }): string;
};

/** Only the bureau's officers and the county's admins judge evidence. */
export function assertMayReviewEvidence(person: Person): void {
  if (person.role !== 'bureau' && person.role !== 'admin') throw new DomainError('not_a_reviewer', t.onlyBureau);
}

/** The reason a return gives, trimmed; a return without one (or too long) is refused. An acceptance keeps none. */
export function reviewNoteFor(decision: ReviewDecision, note: string | undefined): string | null {
  const trimmed = note?.trim() ?? '';
  if (decision === 'accepted') return trimmed || null;
  if (!trimmed) throw new DomainError('missing_field', t.needNote);
  if ([...trimmed].length > MAX_REVIEW_NOTE) throw new DomainError('invalid_field', t.noteTooLong(MAX_REVIEW_NOTE));
  return trimmed;
}

/**
 * 审核: a bureau officer or admin accepts a school's filed upload (its sub-item then scores full)
 * or returns it with a reason, which the uploader is sent 1:1 (in the sending window). Only a pending upload is decided,
 * by a conditional update, so of two reviewers racing one decides and the other is told who did.
 * The decision, its audit row and the notice commit together (a savepoint inside a caller's transaction).
 */
export async function reviewEvidence(
  db: Db,
  now: Date,
  o: { evidenceId: number; reviewer: Person; decision: ReviewDecision; note?: string; origin: AuditOrigin; timezone: string; present: EvidenceReviewPresenter },
): Promise<{ evidence: EvidenceUnderReview; decision: ReviewDecision; note: string | null }> {
  assertMayReviewEvidence(o.reviewer);
  const note = reviewNoteFor(o.decision, o.note);
  return db.transaction(async (tx) => {
    const found = await findEvidenceUnderReview(tx, o.evidenceId);
    if (!found) throw new DomainError('unknown_evidence', t.unknownEvidence);
    const decided = await decideEvidenceIfPending(tx, { id: found.id, decision: o.decision, reviewerId: o.reviewer.id, at: now, note });
    if (!decided) throw await alreadyDecided(tx, found.id, o.timezone);
    await audit(tx, now, o.reviewer, o.origin, [
      {
        action: 'evidence_review',
        studentId: null,
        detail:
          o.decision === 'accepted'
            ? a.accepted(found.schoolName, found.period, found.subItemCode, found.fileName, found.id)
            : a.rejected(found.schoolName, found.period, found.subItemCode, found.fileName, found.id, note!),
      },
    ]);
    if (o.decision === 'rejected' && found.uploader.active) {
      // The uploader did not start this conversation: it waits for the sending window (减负), as alerts do.
      const { calendar } = await loadSchoolCalendar(tx, o.timezone);
      await enqueueMessages(tx, now, [
        {
          key: outboxKey('evidence-rejected', found.id),
          kind: 'evidence-rejected',
          to: { openId: found.uploader.openId },
          msgType: 'text',
          content: { text: o.present.rejectedText({ evidence: found, note: note!, reviewer: o.reviewer }) },
          notBefore: calendar.nextWindowOpening(now),
        },
      ]);
    }
    return { evidence: { ...found, review: o.decision, reviewedAt: now, reviewNote: note, reviewerName: o.reviewer.name }, decision: o.decision, note };
  });
}

/** The refusal for the second of two reviewers: who decided, when, and what. */
async function alreadyDecided(db: Db, id: number, timezone: string): Promise<DomainError> {
  const now = await findEvidenceUnderReview(db, id);
  const by = now?.reviewerName ?? t.someone;
  const at = now?.reviewedAt ? formatLocal(now.reviewedAt, timezone) : '';
  return new DomainError('already_reviewed', t.alreadyDecided(by, at, t.decisionWords[now?.review ?? ''] ?? ''));
}
