import type { Db } from '../../db/database.js';
import { insertEvidenceOnce } from '../../db/queries/evidence.js';
import { setScorePhoto, type InspectionSubItem } from '../../db/queries/inspections.js';
import type { Person } from '../../db/queries/people.js';
import { DomainError } from '../../errors.js';
import { inspectionAuditTexts as a, inspectionPhotoTexts as t } from '../../texts/inspection-texts.js';
import { uploadColumns, type StoredUpload } from '../evidence/file-evidence.js';
import { audit, type AuditOrigin } from '../register/audit.js';
import { readInspectionSheet } from './inspect-school.js';
import { matchSubItem } from './match-sub-item.js';
import type { School } from './read-inspection.js';

/** A photo's caption that attaches it to an inspection: `督查 横渠镇中心小学 6.1`. */
const CAPTION = /^\s*督查[\s:：]+(\S+)\s+(.+?)\s*$/;

/** Where an inspector's photo goes: the school's inspection this month, the sub-item's score in force. */
export type PhotoTarget = { school: School; period: string; frameworkId: number; subItem: InspectionSubItem };

/**
 * Before anything is downloaded: the caption names a school and one of its sub-items scored this
 * month. An inspector photographs what a score is about, so the score comes first.
 */
export async function findPhotoTarget(db: Db, o: { inspector: Person; caption: string | undefined; now: Date; timezone: string }): Promise<PhotoTarget> {
  if (o.inspector.role !== 'bureau' && o.inspector.role !== 'admin') throw new DomainError('not_your_evidence', t.onlyInspectors);
  const said = CAPTION.exec(o.caption ?? '');
  if (!said) throw new DomainError('missing_field', t.needCaption);
  const sheet = await readInspectionSheet(db, { school: said[1]!, now: o.now, timezone: o.timezone });
  const subItem = matchSubItem(sheet.subItems, said[2]!);
  const current = sheet.view?.subItems.find((s) => s.id === subItem.id)?.current;
  if (!current) throw new DomainError('not_found', t.needScore(sheet.school.name, subItem.code, subItem.name));
  return { school: sheet.school, period: sheet.period, frameworkId: sheet.frameworkId, subItem };
}

/**
 * In the event's transaction: the photo becomes the school's evidence under the sub-item (taken by
 * the bureau, so accepted as it stands) and is kept with the score in force, audited. Once per message.
 */
export async function attachInspectionPhoto(
  db: Db,
  now: Date,
  o: { inspector: Person; target: PhotoTarget; photo: StoredUpload; timezone: string; origin: AuditOrigin },
): Promise<{ school: School; subItem: InspectionSubItem; fresh: boolean }> {
  const { target, photo } = o;
  // Read again inside the transaction: the score may have been corrected since the caption was read.
  const sheet = await readInspectionSheet(db, { school: target.school, now, timezone: o.timezone });
  const current = sheet.view?.subItems.find((s) => s.id === target.subItem.id)?.current;
  if (!current || sheet.period !== target.period) throw new DomainError('not_found', t.needScore(target.school.name, target.subItem.code, target.subItem.name));
  const { evidence, fresh } = await insertEvidenceOnce(db, {
    schoolId: target.school.id,
    subItemId: target.subItem.id,
    period: target.period,
    ...uploadColumns(photo),
    uploadedById: o.inspector.id,
    uploadedAt: now,
    review: 'accepted',
    reviewedById: o.inspector.id,
    reviewedAt: now,
  });
  if (fresh) {
    await setScorePhoto(db, current.id, evidence.id);
    await audit(db, now, o.inspector, o.origin, [{ action: 'inspection_photo', studentId: null, detail: a.photo(target.school.name, target.period, target.subItem.code, photo.fileName) }]);
  }
  return { school: target.school, subItem: target.subItem, fresh };
}
