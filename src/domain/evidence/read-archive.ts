import type { Db } from '../../db/database.js';
import { listSchoolEvidence, type SchoolEvidence } from '../../db/queries/evidence.js';
import { findSchool, type Person } from '../../db/queries/people.js';
import { DomainError } from '../../errors.js';
import { evidenceTexts as t } from '../../texts/evidence-texts.js';
import { resolvePlace } from '../summary/resolve-place.js';
import { localParts } from '../time/zoned-time.js';
import { matchSubItem, readActiveSubItems, type FrameworkSubItem } from './sub-items.js';

export type ArchiveSubItem = FrameworkSubItem & { evidence: SchoolEvidence[]; missing: boolean };
export type Archive = {
  school: string;
  from: string;
  to: string;
  /** Undefined when no framework is active: the card says so. */
  framework: { title: string; items: { name: string; subItems: ArchiveSubItem[] }[] } | undefined;
  filed: number;
  missing: number;
  /** Uploads in the period not yet filed under a sub-item. */
  unfiled: number;
};

/** The school year (September to August) holding `now`, as months `YYYY-MM`. */
export function schoolYearOf(now: Date, timezone: string): { from: string; to: string } {
  const { year, month } = localParts(now, timezone);
  const start = month >= 9 ? year : year - 1;
  return { from: `${start}-09`, to: `${start + 1}-08` };
}

/**
 * Whose archive the asker may read: the bureau and admins any school's (named), a principal only
 * their own (named or not). The school is found as 汇总 finds places (an exact name or a unique part).
 */
export async function resolveArchiveSchool(db: Db, o: { asker: Person; schoolName?: string }): Promise<{ id: number; name: string }> {
  const own = o.asker.role === 'principal' ? o.asker.schoolId : null;
  if (o.schoolName === undefined) {
    if (own === null) throw new DomainError('unknown_place', t.archiveNeedsSchool);
    const school = await findSchool(db, own);
    if (!school) throw new DomainError('unknown_place', t.archiveNeedsSchool);
    return { id: school.id, name: school.name };
  }
  const place = await resolvePlace(db, { place: o.schoolName });
  if (!place || place.kind !== 'school') throw new DomainError('unknown_place', t.archiveNotSchool(o.schoolName));
  if (o.asker.role === 'principal' && place.schoolId !== own) throw new DomainError('not_your_school', t.archiveOwnSchoolOnly);
  return { id: place.schoolId, name: place.school };
}

/**
 * 档案: a school's evidence by 大项 and sub-item over the months `from`..`to`, with "missing" for
 * sub-items scored by evidence that have none. `subItemWords` narrows it to one sub-item.
 */
export async function readArchive(db: Db, o: { school: { id: number; name: string }; from: string; to: string; subItemWords?: string }): Promise<Archive> {
  const [active, rows] = await Promise.all([readActiveSubItems(db), listSchoolEvidence(db, { schoolId: o.school.id, from: o.from, to: o.to })]);
  const unfiled = rows.filter((r) => r.subItemId === null).length;
  if (!active) return { school: o.school.name, from: o.from, to: o.to, framework: undefined, filed: rows.length - unfiled, missing: 0, unfiled };
  const only = o.subItemWords === undefined ? undefined : matchSubItem(active.subItems, o.subItemWords);
  const items: { name: string; subItems: ArchiveSubItem[] }[] = [];
  let filed = 0;
  let missing = 0;
  for (const subItem of active.subItems) {
    if (only && only.id !== subItem.id) continue;
    const evidence = rows.filter((r) => r.subItemId === subItem.id);
    const isMissing = subItem.scoring === 'evidence' && evidence.length === 0;
    filed += evidence.length;
    if (isMissing) missing++;
    const item = items.at(-1)?.name === subItem.itemName ? items.at(-1)! : (items.push({ name: subItem.itemName, subItems: [] }), items.at(-1)!);
    item.subItems.push({ ...subItem, evidence, missing: isMissing });
  }
  return { school: o.school.name, from: o.from, to: o.to, framework: { title: active.title, items }, filed, missing, unfiled };
}
