import type { Db } from '../../db/database.js';
import { insertRectification } from '../../db/queries/inspections.js';
import { enqueueMessages, outboxKey } from '../../db/queries/outbox.js';
import type { Person } from '../../db/queries/people.js';
import { DomainError } from '../../errors.js';
import { inspectionAuditTexts as a, inspectionTexts as t } from '../../texts/inspection-texts.js';
import { audit, type AuditOrigin } from '../register/audit.js';
import { readInspection, type InspectionView } from './read-inspection.js';
import type { InspectionPresenter } from './record-inspection.js';

/**
 * 已整改: the school's principal answers an inspection's deductions with a note (and a photo, when
 * sent with 「整改 子项 …」). It is stored and audited; the principal is thanked and the inspector told, both 1:1.
 */
export async function rectifyInspection(
  db: Db,
  now: Date,
  o: { principal: Person; inspectionId: number; note: string; origin: AuditOrigin; present: InspectionPresenter; evidenceId?: number; /** The principal's own reply already thanks them (a photo's). */ thanked?: boolean },
): Promise<InspectionView> {
  const before = await readInspection(db, o.inspectionId);
  if (!before || o.principal.role !== 'principal' || o.principal.schoolId !== before.school.id) throw new DomainError('not_your_school', t.notYourSchool);
  const note = o.note.trim();
  if (!note) throw new DomainError('missing_field', t.needNote);
  const id = await insertRectification(db, { inspectionId: o.inspectionId, byId: o.principal.id, note, at: now, ...(o.evidenceId !== undefined ? { evidenceId: o.evidenceId } : {}) });
  await audit(db, now, o.principal, o.origin, [{ action: 'inspection_rectification', studentId: null, detail: a.rectification(before.school.name, before.inspection.period) }]);
  const view = (await readInspection(db, o.inspectionId))!;
  const text = (s: string) => ({ text: s });
  await enqueueMessages(db, now, [
    ...(o.thanked
      ? []
      : [{ key: outboxKey('inspection-thanks', id), kind: 'inspection-thanks', to: { openId: o.principal.openId }, msgType: 'text' as const, content: text(o.present.thanksText(view)), notBefore: now }]),
    {
      key: outboxKey('inspection-rectified', id),
      kind: 'inspection-rectified',
      to: { openId: view.inspector.openId },
      msgType: 'text',
      content: text(o.present.rectifiedText(view, { principal: o.principal.name, note })),
      notBefore: now,
    },
  ]);
  return view;
}
