import type { Db } from '../../db/database.js';
import type { NoticeSchools } from '../../db/queries/notices.js';
import { findGroups, findPlaces, findPlacesContaining, listTownNames, type Place } from '../../db/queries/summary.js';

/**
 * What a name in `通知 <范围>` points at, read as 汇总 reads places (summary queries): a town or
 * school of exactly that name, an education group, else the one town or school containing it.
 */
type Resolved = { kind: 'place'; place: Place } | { kind: 'group'; group: string } | { kind: 'unknown' } | { kind: 'ambiguous'; names: string[] };

async function resolveName(db: Db, name: string): Promise<Resolved> {
  const exact = await findPlaces(db, name);
  if (exact.length === 1) return { kind: 'place', place: exact[0]! };
  if (exact.length > 1) return { kind: 'ambiguous', names: exact.map(placeName) };
  const groups = await findGroups(db, name);
  if (groups.length === 1 && groups[0]!.exact) return { kind: 'group', group: groups[0]!.group };
  const containing = await findPlacesContaining(db, name);
  if (containing.length === 1) return { kind: 'place', place: containing[0]! };
  if (containing.length > 1) return { kind: 'ambiguous', names: containing.map(placeName) };
  return groups.length === 1 ? { kind: 'group', group: groups[0]!.group } : { kind: 'unknown' };
}

const placeName = (p: Place) => (p.kind === 'school' ? `${p.school}（${p.town}）` : p.town);

export type NoticeRange = { schools: NoticeSchools } | { unknown: string[]; towns: string[] } | { ambiguous: string; names: string[] };

/** The schools the names choose, or every name that chooses none (so all can be fixed at once), or the first that chooses several. */
export async function resolveNoticeRange(db: Db, names: readonly string[]): Promise<NoticeRange> {
  const schools: NoticeSchools = { schoolIds: [], townIds: [], groups: [] };
  const unknown: string[] = [];
  for (const name of names) {
    const found = await resolveName(db, name);
    if (found.kind === 'ambiguous') return { ambiguous: name, names: found.names };
    if (found.kind === 'unknown') unknown.push(name);
    else if (found.kind === 'group') schools.groups.push(found.group);
    else if (found.place.kind === 'school') schools.schoolIds.push(found.place.schoolId);
    else schools.townIds.push(found.place.townId);
  }
  return unknown.length > 0 ? { unknown, towns: await listTownNames(db) } : { schools };
}

/** Whether a word is exactly a town's or school's name: a notice's text starting with one may be a range gone astray. */
export async function isPlaceName(db: Db, word: string): Promise<boolean> {
  return (await findPlaces(db, word)).length > 0;
}
