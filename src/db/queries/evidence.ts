import { and, asc, desc, eq, gte, isNull, lte } from 'drizzle-orm';
import type { Db } from '../database.js';
import { evidence, frameworkItems, frameworks, frameworkSubItems } from '../schema/index.js';

export type Evidence = typeof evidence.$inferSelect;
export type NewEvidence = typeof evidence.$inferInsert;

/** A sub-item of the framework in force, with its 大项. */
export type FrameworkSubItem = {
  id: number;
  code: string;
  name: string;
  scoring: 'data' | 'inspection' | 'evidence';
  guidance: string | null;
  itemId: number;
  itemName: string;
};

export { findActiveFramework } from './frameworks.js';

/** A framework's sub-items in the file's order: by 大项, then by sub-item. */
export async function listFrameworkSubItems(db: Db, frameworkId: number): Promise<FrameworkSubItem[]> {
  return db
    .select({
      id: frameworkSubItems.id,
      code: frameworkSubItems.code,
      name: frameworkSubItems.name,
      scoring: frameworkSubItems.scoring,
      guidance: frameworkSubItems.guidance,
      itemId: frameworkItems.id,
      itemName: frameworkItems.name,
    })
    .from(frameworkSubItems)
    .innerJoin(frameworkItems, eq(frameworkItems.id, frameworkSubItems.itemId))
    .where(eq(frameworkSubItems.frameworkId, frameworkId))
    .orderBy(asc(frameworkItems.position), asc(frameworkItems.id), asc(frameworkSubItems.position), asc(frameworkSubItems.id));
}

export async function findSubItem(db: Db, id: number): Promise<{ id: number; frameworkId: number; code: string; name: string } | undefined> {
  const [row] = await db
    .select({ id: frameworkSubItems.id, frameworkId: frameworkSubItems.frameworkId, code: frameworkSubItems.code, name: frameworkSubItems.name })
    .from(frameworkSubItems)
    .where(eq(frameworkSubItems.id, id));
  return row;
}

export async function findEvidenceByMessageId(db: Db, messageId: string): Promise<Evidence | undefined> {
  const [row] = await db.select().from(evidence).where(eq(evidence.larkMessageId, messageId));
  return row;
}

export async function findEvidence(db: Db, id: number): Promise<Evidence | undefined> {
  const [row] = await db.select().from(evidence).where(eq(evidence.id, id));
  return row;
}

/**
 * Stores evidence once per Lark message: a re-delivered event (or a second handler of it) finds
 * the row already there and gets that one back, `fresh: false`.
 */
export async function insertEvidenceOnce(db: Db, row: NewEvidence & { larkMessageId: string }): Promise<{ evidence: Evidence; fresh: boolean }> {
  const [inserted] = await db.insert(evidence).values(row).onConflictDoNothing({ target: evidence.larkMessageId }).returning();
  if (inserted) return { evidence: inserted, fresh: true };
  const existing = await findEvidenceByMessageId(db, row.larkMessageId);
  if (!existing) throw new Error('evidence neither inserted nor found for its message');
  return { evidence: existing, fresh: false };
}

/** The person's most recent upload not yet filed under a sub-item. */
export async function findLatestUnfiledEvidence(db: Db, personId: number): Promise<Evidence | undefined> {
  const [row] = await db
    .select()
    .from(evidence)
    .where(and(eq(evidence.uploadedById, personId), isNull(evidence.subItemId)))
    .orderBy(desc(evidence.uploadedAt), desc(evidence.id))
    .limit(1);
  return row;
}

export async function setEvidenceSubItem(db: Db, id: number, subItemId: number): Promise<void> {
  await db.update(evidence).set({ subItemId }).where(eq(evidence.id, id));
}

export type SchoolEvidence = Pick<Evidence, 'id' | 'subItemId' | 'kind' | 'fileName' | 'uploadedAt' | 'review' | 'reviewNote' | 'period'>;

/** A school's evidence filed in the months `from`..`to` (`YYYY-MM`, inclusive), oldest first. */
export async function listSchoolEvidence(db: Db, o: { schoolId: number; from: string; to: string }): Promise<SchoolEvidence[]> {
  return db
    .select({
      id: evidence.id,
      subItemId: evidence.subItemId,
      kind: evidence.kind,
      fileName: evidence.fileName,
      uploadedAt: evidence.uploadedAt,
      review: evidence.review,
      reviewNote: evidence.reviewNote,
      period: evidence.period,
    })
    .from(evidence)
    .where(and(eq(evidence.schoolId, o.schoolId), gte(evidence.period, o.from), lte(evidence.period, o.to)))
    .orderBy(asc(evidence.uploadedAt), asc(evidence.id));
}
