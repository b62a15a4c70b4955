import type { Db } from '../../db/database.js';
import { insertEvidenceOnce } from '../../db/queries/evidence.js';
import { listRecentInspections, type InspectionSubItem } from '../../db/queries/inspections.js';
import type { Person } from '../../db/queries/people.js';
import { DomainError, isDomainError } from '../../errors.js';
import { inspectionPhotoTexts as t } from '../../texts/inspection-texts.js';
import { monthOf, uploadColumns, type StoredUpload } from '../evidence/file-evidence.js';
import type { AuditOrigin } from '../register/audit.js';
import { matchSubItem } from './match-sub-item.js';
import { readInspection, type InspectionView } from './read-inspection.js';
import type { InspectionPresenter } from './record-inspection.js';
import { rectifyInspection } from './rectify-inspection.js';

/** A photo's caption that answers a deduction: `整改 6.1 围墙已修复`. */
const CAPTION = /^\s*整改[\s:：]+(\S+)\s+([\s\S]+?)\s*$/;
/** How far back a rectification may reach: an inspection late in a month is often fixed in the next. */
const RECENT_INSPECTIONS = 3;

export const isRectificationCaption = (caption: string | undefined) => /^\s*整改[\s:：]/.test(caption ?? '');

export type RectifyTarget = { inspectionId: number; subItem: InspectionSubItem; note: string };

/** Before anything is downloaded: a principal, naming a sub-item that lost points in one of the school's latest inspections. */
export async function findRectifyTarget(db: Db, o: { principal: Person; caption: string | undefined }): Promise<RectifyTarget> {
  if (o.principal.role !== 'principal' || o.principal.schoolId === null) throw new DomainError('not_your_school', t.rectifyOnlyPrincipal);
  const said = CAPTION.exec(o.caption ?? '');
  if (!said) throw new DomainError('missing_field', t.rectifyNeedCaption);
  for (const row of await listRecentInspections(db, o.principal.schoolId, RECENT_INSPECTIONS)) {
    const view = (await readInspection(db, row.id))!;
    const subItem = deductedSubItem(view, said[1]!);
    if (subItem) return { inspectionId: row.id, subItem, note: said[2]! };
  }
  throw new DomainError('not_found', t.nothingToRectify(said[1]!));
}

function deductedSubItem(view: InspectionView, words: string): InspectionSubItem | undefined {
  try {
    return matchSubItem(view.deductions, words);
  } catch (error) {
    if (isDomainError(error)) return undefined;
    throw error;
  }
}

/**
 * In the event's transaction: the photo is the school's evidence under that sub-item (for the
 * bureau to review) and the rectification names it; the principal is thanked and the inspector
 * told, as 已整改 does. Once per message.
 */
export async function rectifyWithPhoto(
  db: Db,
  now: Date,
  o: { principal: Person; target: RectifyTarget; photo: StoredUpload; timezone: string; origin: AuditOrigin; present: InspectionPresenter },
): Promise<{ fresh: boolean }> {
  const { photo, target } = o;
  const { evidence, fresh } = await insertEvidenceOnce(db, {
    schoolId: o.principal.schoolId!,
    subItemId: target.subItem.id,
    period: monthOf(now, o.timezone),
    ...uploadColumns(photo),
    uploadedById: o.principal.id,
    uploadedAt: now,
  });
  if (fresh) await rectifyInspection(db, now, { principal: o.principal, inspectionId: target.inspectionId, note: target.note, origin: o.origin, present: o.present, evidenceId: evidence.id, thanked: true });
  return { fresh };
}
