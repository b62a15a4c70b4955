import { and, asc, count, eq, isNotNull, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../database.js';
import { evidence, frameworkSubItems, people, schools } from '../schema/index.js';
import type { EvidenceReview } from '../schema/index.js';
import { schoolIn, type SchoolScope } from './school-scope.js';

/** A filed upload as the bureau reviews it: whose, for which sub-item, and how it was decided. */
export type EvidenceUnderReview = {
  id: number;
  schoolId: number;
  schoolName: string;
  period: string;
  subItemCode: string;
  subItemName: string;
  fileName: string;
  uploadedAt: Date;
  uploader: { id: number; name: string; openId: string; active: boolean };
  review: EvidenceReview;
  reviewedAt: Date | null;
  reviewNote: string | null;
  reviewerName: string | null;
};

const reviewer = alias(people, 'reviewer');

function selectUnderReview(db: Db) {
  return db
    .select({
      id: evidence.id,
      schoolId: evidence.schoolId,
      schoolName: schools.name,
      period: evidence.period,
      subItemCode: frameworkSubItems.code,
      subItemName: frameworkSubItems.name,
      fileName: evidence.fileName,
      uploadedAt: evidence.uploadedAt,
      uploader: { id: people.id, name: people.name, openId: people.openId, active: people.active },
      review: evidence.review,
      reviewedAt: evidence.reviewedAt,
      reviewNote: evidence.reviewNote,
      reviewerName: reviewer.name,
    })
    .from(evidence)
    .innerJoin(schools, eq(schools.id, evidence.schoolId))
    // Only evidence filed under a sub-item can be judged: an unfiled upload supports nothing yet.
    .innerJoin(frameworkSubItems, eq(frameworkSubItems.id, evidence.subItemId))
    .innerJoin(people, eq(people.id, evidence.uploadedById))
    .leftJoin(reviewer, eq(reviewer.id, evidence.reviewedById));
}

/** One filed upload with its school, sub-item, uploader and review; undefined when absent or not filed. */
export async function findEvidenceUnderReview(db: Db, id: number): Promise<EvidenceUnderReview | undefined> {
  const [row] = await selectUnderReview(db).where(eq(evidence.id, id));
  return row;
}

const pendingIn = (db: Db, scope: SchoolScope): SQL | undefined => and(eq(evidence.review, 'pending'), isNotNull(evidence.subItemId), schoolIn(db, evidence.schoolId, scope));

/** Filed evidence still waiting for the bureau, oldest first, a page of it. */
export async function listPendingEvidence(db: Db, o: { scope: SchoolScope; limit: number; offset: number }): Promise<EvidenceUnderReview[]> {
  return selectUnderReview(db)
    .where(pendingIn(db, o.scope))
    .orderBy(asc(evidence.uploadedAt), asc(evidence.id))
    .limit(o.limit)
    .offset(o.offset);
}

export async function countPendingEvidence(db: Db, scope: SchoolScope): Promise<number> {
  const [row] = await db.select({ n: count() }).from(evidence).where(pendingIn(db, scope));
  return row?.n ?? 0;
}

/**
 * Decides a pending upload, only while it is still pending: two reviewers racing both run this,
 * one row changes, and the other learns it came second (false). Row locks make it hold across instances.
 */
export async function decideEvidenceIfPending(
  db: Db,
  o: { id: number; decision: Exclude<EvidenceReview, 'pending'>; reviewerId: number; at: Date; note: string | null },
): Promise<boolean> {
  const changed = await db
    .update(evidence)
    .set({ review: o.decision, reviewedById: o.reviewerId, reviewedAt: o.at, reviewNote: o.note })
    .where(and(eq(evidence.id, o.id), eq(evidence.review, 'pending')))
    .returning({ id: evidence.id });
  return changed.length === 1;
}
