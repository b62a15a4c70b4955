import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, numeric, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { instant } from './columns.js';
import { people, schools } from './roster.js';

/**
 * The bureau's evaluation standard (指标体系): 大项 with points, each with 子项 scored from Ducha's
 * data, by an inspector, or by evidence. Loaded from a file (`framework load`); each load is a
 * new version, the latest active one is the one in force. Inspections and evidence name the
 * version's sub-items, so a new version never rewrites a past score.
 */
export const frameworks = pgTable('frameworks', {
  id: serial('id').primaryKey(),
  /** As the file names it (`2026版`); unique. */
  version: text('version').notNull().unique(),
  title: text('title').notNull(),
  /** The shipped default: an example the bureau replaces with its own. */
  isExample: boolean('is_example').notNull().default(false),
  active: boolean('active').notNull().default(true),
  loadedAt: instant('loaded_at').notNull(),
});

export const frameworkItems = pgTable(
  'framework_items',
  {
    id: serial('id').primaryKey(),
    frameworkId: integer('framework_id')
      .notNull()
      .references(() => frameworks.id),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    points: numeric('points', { precision: 6, scale: 1, mode: 'number' }).notNull(),
  },
  (t) => [uniqueIndex('framework_items_name_key').on(t.frameworkId, t.name)],
);

export const scoringWays = ['data', 'inspection', 'evidence'] as const;
export type ScoringWay = (typeof scoringWays)[number];

export const frameworkSubItems = pgTable(
  'framework_sub_items',
  {
    id: serial('id').primaryKey(),
    frameworkId: integer('framework_id')
      .notNull()
      .references(() => frameworks.id),
    itemId: integer('item_id')
      .notNull()
      .references(() => frameworkItems.id),
    position: integer('position').notNull(),
    /** Short and stable (`2.1`): what inspectors and evidence name. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    points: numeric('points', { precision: 6, scale: 1, mode: 'number' }).notNull(),
    scoring: text('scoring', { enum: scoringWays }).notNull(),
    /** For `data`: which of Ducha's numbers scores it and how (the file's formula, validated). */
    formula: text('formula'),
    /** What to file or look for (shown on cards and the archive). */
    guidance: text('guidance'),
  },
  (t) => [
    uniqueIndex('framework_sub_items_code_key').on(t.frameworkId, t.code),
    check('framework_sub_items_scoring_check', sql`${t.scoring} in ('data', 'inspection', 'evidence')`),
  ],
);

/** 月督查: one inspection of a school in a month by a bureau officer. */
export const inspections = pgTable(
  'inspections',
  {
    id: serial('id').primaryKey(),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id),
    frameworkId: integer('framework_id')
      .notNull()
      .references(() => frameworks.id),
    /** `YYYY-MM`: the month inspected. */
    period: text('period').notNull(),
    inspectorId: integer('inspector_id')
      .notNull()
      .references(() => people.id),
    createdAt: instant('created_at').notNull(),
    /** When the principal was sent the deductions (once). */
    notifiedAt: instant('notified_at'),
  },
  (t) => [uniqueIndex('inspections_school_period_key').on(t.schoolId, t.frameworkId, t.period), index('inspections_period_idx').on(t.period)],
);

/**
 * A score an inspector gave a sub-item, with the reason for any deduction. A correction is a new
 * row with its own reason; the old one is kept, marked replaced.
 */
export const inspectionScores = pgTable(
  'inspection_scores',
  {
    id: serial('id').primaryKey(),
    inspectionId: integer('inspection_id')
      .notNull()
      .references(() => inspections.id),
    subItemId: integer('sub_item_id')
      .notNull()
      .references(() => frameworkSubItems.id),
    score: numeric('score', { precision: 6, scale: 1, mode: 'number' }).notNull(),
    /** Required when the score is below the sub-item's points, and for every correction. */
    reason: text('reason'),
    /** What the school should fix. */
    remedy: text('remedy'),
    /** An evidence row holding the inspector's photo, if one was attached. */
    photoEvidenceId: integer('photo_evidence_id'),
    byId: integer('by_id')
      .notNull()
      .references(() => people.id),
    at: instant('at').notNull(),
    replacedAt: instant('replaced_at'),
    replacedById: integer('replaced_by_id'),
  },
  (t) => [
    index('inspection_scores_inspection_idx').on(t.inspectionId, t.subItemId),
    // At most one score in force per sub-item of an inspection.
    uniqueIndex('inspection_scores_current_key').on(t.inspectionId, t.subItemId).where(sql`${t.replacedAt} is null`),
  ],
);

/** A school's answer to an inspection's deductions (已整改): the principal's note, optionally with evidence. */
export const rectifications = pgTable(
  'rectifications',
  {
    id: serial('id').primaryKey(),
    inspectionId: integer('inspection_id')
      .notNull()
      .references(() => inspections.id),
    byId: integer('by_id')
      .notNull()
      .references(() => people.id),
    note: text('note').notNull(),
    evidenceId: integer('evidence_id'),
    at: instant('at').notNull(),
  },
  (t) => [index('rectifications_inspection_idx').on(t.inspectionId)],
);

export const evidenceReviews = ['pending', 'accepted', 'rejected'] as const;
export type EvidenceReview = (typeof evidenceReviews)[number];

/**
 * 档案资料: a photo or file a school filed for a sub-item, in a month. The database holds the
 * metadata; the bytes live in the evidence store (a folder on Node, a bucket on Workers) under
 * `storageKey`. Never posted to a group chat.
 */
export const evidence = pgTable(
  'evidence',
  {
    id: serial('id').primaryKey(),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id),
    /** Null until the sender picks the sub-item it supports. */
    subItemId: integer('sub_item_id').references(() => frameworkSubItems.id),
    /** `YYYY-MM`: the month it was filed in. */
    period: text('period').notNull(),
    kind: text('kind', { enum: ['image', 'file'] }).notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    byteLength: integer('byte_length').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull().unique(),
    /** The Lark message it came in (dedup of a re-sent event). */
    larkMessageId: text('lark_message_id').unique(),
    uploadedById: integer('uploaded_by_id')
      .notNull()
      .references(() => people.id),
    uploadedAt: instant('uploaded_at').notNull(),
    review: text('review', { enum: evidenceReviews }).notNull().default('pending'),
    reviewedById: integer('reviewed_by_id').references(() => people.id),
    reviewedAt: instant('reviewed_at'),
    reviewNote: text('review_note'),
  },
  (t) => [
    index('evidence_school_idx').on(t.schoolId, t.subItemId, t.period),
    check('evidence_review_check', sql`${t.review} in ('pending', 'accepted', 'rejected')`),
    check('evidence_kind_check', sql`${t.kind} in ('image', 'file')`),
  ],
);
