import type { Db } from '../../db/database.js';
import { findOrCreateInspection, markInspectionNotified, putInspectionScore, type InspectionSubItem } from '../../db/queries/inspections.js';
import { enqueueMessages, outboxKey } from '../../db/queries/outbox.js';
import { listActivePrincipals, type Person } from '../../db/queries/people.js';
import { DomainError } from '../../errors.js';
import { inspectionAuditTexts as a } from '../../texts/inspection-texts.js';
import { audit, type AuditOrigin } from '../register/audit.js';
import { readInspection, readInspectionOf, type InspectionView, type School } from './read-inspection.js';

/** How inspections reach people: Lark's cards and texts (lark/cards/inspection-presenter.ts). */
export type InspectionPresenter = {
  /** The principal's card: the deductions, what to fix, and 已整改. */
  noticeCard(view: InspectionView, o: { updated: boolean; timezone: string }): Record<string, unknown>;
  /** The principal's 1:1 thanks for a rectification. */
  thanksText(view: InspectionView): string;
  /** The inspector's 1:1 notice of a rectification. */
  rectifiedText(view: InspectionView, o: { principal: string; note: string }): string;
};

/** A score the inspector gave, checked against the sub-item's points; `reason` is the deduction's or the correction's. */
export type GivenScore = { subItem: InspectionSubItem; score: number; reason: string; remedy: string };

/** Why a score cannot be taken; the caller says it in its own words (a text example, a form row). */
export type ScoreProblem = { subItem: InspectionSubItem; problem: 'out_of_range' | 'needs_reason' | 'needs_correction_reason' };

/**
 * Which given scores change the inspection and which cannot be taken: a new score below full
 * points needs a reason; a change to a score in force is a correction and needs a new reason.
 */
export function checkScores(view: InspectionView | undefined, given: readonly GivenScore[]): { changes: GivenScore[]; problems: ScoreProblem[] } {
  const changes: GivenScore[] = [];
  const problems: ScoreProblem[] = [];
  for (const g of given) {
    const current = view?.subItems.find((s) => s.id === g.subItem.id)?.current;
    if (!(g.score >= 0 && g.score <= g.subItem.points)) problems.push({ subItem: g.subItem, problem: 'out_of_range' });
    else if (!current) {
      if (g.score < g.subItem.points && !g.reason) problems.push({ subItem: g.subItem, problem: 'needs_reason' });
      else changes.push(g);
    } else if (current.score === g.score && (!g.reason || g.reason === current.reason) && (!g.remedy || g.remedy === current.remedy)) {
      continue;
    } else if (!g.reason || g.reason === current.reason) problems.push({ subItem: g.subItem, problem: 'needs_correction_reason' });
    else changes.push(g);
  }
  return { changes, problems };
}

/**
 * Records an inspector's scores for a school's inspection this month (made on first use): new
 * rows, corrections that keep the replaced row, an audit row each, and the principal's card.
 * Scores must have passed checkScores against the same view.
 */
export async function recordInspectionScores(
  db: Db,
  now: Date,
  o: {
    inspector: Person;
    school: School;
    frameworkId: number;
    period: string;
    changes: readonly GivenScore[];
    origin: AuditOrigin;
    timezone: string;
    present: InspectionPresenter;
  },
): Promise<{ view: InspectionView; corrected: number }> {
  const before = await readInspectionOf(db, { schoolId: o.school.id, frameworkId: o.frameworkId, period: o.period });
  const inspection = before?.inspection ?? (await findOrCreateInspection(db, { schoolId: o.school.id, frameworkId: o.frameworkId, period: o.period, inspectorId: o.inspector.id, at: now }));
  let corrected = 0;
  for (const g of o.changes) {
    const current = before?.subItems.find((s) => s.id === g.subItem.id)?.current;
    if (current && (!g.reason || g.reason === current.reason)) throw new DomainError('missing_field', 'correction without a new reason');
    await putInspectionScore(db, {
      inspectionId: inspection.id,
      subItemId: g.subItem.id,
      score: g.score,
      reason: g.reason || null,
      // A correction that says nothing of the remedy keeps the one in force.
      remedy: g.remedy || current?.remedy || null,
      byId: o.inspector.id,
      at: now,
      replaces: current?.id ?? null,
    });
    if (current) corrected++;
    await audit(db, now, o.inspector, o.origin, [
      current
        ? { action: 'inspection_correction', studentId: null, detail: a.correction(o.school.name, o.period, g.subItem.code, current.score, g.score, g.reason) }
        : { action: 'inspection_score', studentId: null, detail: a.score(o.school.name, o.period, g.subItem.code, g.score, g.reason || null) },
    ]);
  }
  const view = (await readInspection(db, inspection.id))!;
  await notifyPrincipals(db, now, { view, updated: inspection.notifiedAt !== null, timezone: o.timezone, present: o.present });
  return { view, corrected };
}

/**
 * The school's principal(s) get the inspection's card 1:1, once per version of its scores (a
 * correction sends the card again, marked updated). Never the school chat.
 */
async function notifyPrincipals(db: Db, now: Date, o: { view: InspectionView; updated: boolean; timezone: string; present: InspectionPresenter }): Promise<void> {
  const principals = await listActivePrincipals(db, o.view.school.id);
  const card = o.present.noticeCard(o.view, { updated: o.updated, timezone: o.timezone });
  await enqueueMessages(
    db,
    now,
    principals.map((p) => ({
      key: outboxKey('inspection-notice', o.view.inspection.id, p.id, o.view.lastScoreId),
      kind: 'inspection-notice',
      to: { openId: p.openId },
      msgType: 'interactive' as const,
      content: card,
      notBefore: now,
    })),
  );
  await markInspectionNotified(db, o.view.inspection.id, now);
}
