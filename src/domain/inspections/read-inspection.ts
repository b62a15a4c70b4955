import type { Db } from '../../db/database.js';
import {
  findActiveFramework,
  findInspection,
  findInspectionById,
  findPersonById,
  findSchoolWithTown,
  listInspectionScores,
  listInspectionSubItems,
  listRectifications,
  type InspectionRow,
  type InspectionSubItem,
  type RectificationRow,
  type ScoreRow,
} from '../../db/queries/inspections.js';
import { DomainError } from '../../errors.js';
import { inspectionTexts as t } from '../../texts/inspection-texts.js';
import { localParts } from '../time/zoned-time.js';

/** `YYYY-MM`: the local month an inspection made now is for. */
export function inspectionPeriod(now: Date, timezone: string): string {
  const p = localParts(now, timezone);
  return `${p.year}-${String(p.month).padStart(2, '0')}`;
}

export type School = { id: number; name: string; town: string };

/** One sub-item of an inspection: the score in force (if any) and the ones it replaced, oldest first. */
export type ScoredSubItem = InspectionSubItem & { current: ScoreRow | undefined; replaced: ScoreRow[] };

/** A month's inspection of a school as every card shows it. */
export type InspectionView = {
  inspection: InspectionRow;
  school: School;
  inspector: { id: number; name: string; openId: string };
  subItems: ScoredSubItem[];
  rectifications: RectificationRow[];
  /** The current scores below full points, in the framework's order. */
  deductions: (ScoredSubItem & { current: ScoreRow; lost: number })[];
  /** Over the sub-items scored so far. */
  total: { score: number; points: number };
  /** The newest score row: names a version of the inspection (outbox keys of the principal's card). */
  lastScoreId: number;
};

/** What an inspection is checked against: the framework in force and its inspection sub-items. */
export async function readInspectionFramework(db: Db): Promise<{ frameworkId: number; subItems: InspectionSubItem[] }> {
  const framework = await findActiveFramework(db);
  if (!framework) throw new DomainError('not_found', t.noFramework);
  const subItems = await listInspectionSubItems(db, framework.id);
  if (subItems.length === 0) throw new DomainError('not_found', t.noInspectionItems);
  return { frameworkId: framework.id, subItems };
}

export async function readInspection(db: Db, inspectionId: number): Promise<InspectionView | undefined> {
  const inspection = await findInspectionById(db, inspectionId);
  if (!inspection) return undefined;
  const [school, inspector, subItems, scores, rectifications] = await Promise.all([
    findSchoolWithTown(db, inspection.schoolId),
    findPersonById(db, inspection.inspectorId),
    listInspectionSubItems(db, inspection.frameworkId),
    listInspectionScores(db, inspection.id),
    listRectifications(db, inspection.id),
  ]);
  const scored = subItems.map((s): ScoredSubItem => {
    const mine = scores.filter((r) => r.subItemId === s.id);
    return { ...s, current: mine.find((r) => r.replacedAt === null), replaced: mine.filter((r) => r.replacedAt !== null) };
  });
  const deductions = scored.flatMap((s) => (s.current && s.current.score < s.points ? [{ ...s, current: s.current, lost: round(s.points - s.current.score) }] : []));
  return {
    inspection,
    school: school!,
    inspector: inspector!,
    subItems: scored,
    rectifications,
    deductions,
    // Of the sub-items scored so far: one scored by text does not count the others as zero.
    total: { score: round(scored.reduce((sum, s) => sum + (s.current?.score ?? 0), 0)), points: round(scored.reduce((sum, s) => sum + (s.current ? s.points : 0), 0)) },
    lastScoreId: Math.max(0, ...scores.map((r) => r.id)),
  };
}

/** This month's inspection of a school under the framework, if one was begun. */
export async function readInspectionOf(db: Db, o: { schoolId: number; frameworkId: number; period: string }): Promise<InspectionView | undefined> {
  const row = await findInspection(db, o);
  return row ? readInspection(db, row.id) : undefined;
}

export const round = (n: number) => Math.round(n * 10) / 10;
