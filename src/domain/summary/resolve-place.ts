import { findGroups, findPlaces, findPlacesContaining, listTownNames, type Place } from '../../db/queries/summary.js';
import type { SchoolScope } from '../../db/queries/school-scope.js';
import type { Db } from '../../db/database.js';
import { DomainError } from '../../errors.js';
import { summaryTexts } from '../../texts/summary-texts.js';

/** Where a summary looks: a town, a school, an education group, or (undefined) everywhere. */
export type SummaryPlace = Place | { kind: 'group'; group: string };

/** The scope the summary's queries read for a place. */
export function scopeOf(place: SummaryPlace | undefined): SchoolScope {
  if (place === undefined) return {};
  if (place.kind === 'school') return { schoolId: place.schoolId };
  return place.kind === 'group' ? { group: place.group } : { townId: place.townId };
}

/**
 * The places a name points at: those of exactly that name, else those whose name contains it
 * (people write `首善街道中心小学` for `首善街道中心小学(示例)`), so that a unique part is enough.
 */
async function placesNamed(db: Db, name: string, inTown?: string): Promise<{ places: Place[]; exact: boolean }> {
  const exact = await findPlaces(db, name, inTown);
  return exact.length > 0 ? { places: exact, exact: true } : { places: await findPlacesContaining(db, name, inTown), exact: false };
}

/** Several places contain the words: name them, so the next ask can be exact. */
function ambiguousPart(part: string, found: Place[]): DomainError {
  return new DomainError('ambiguous_school', summaryTexts.ambiguousPart(part, found.map((p) => (p.kind === 'school' ? `${p.school}（${p.town}）` : p.town))));
}

/** Where the bureau officer's words point: a town, a school, or (nothing given) everywhere. */
export async function resolvePlace(db: Db, input: { town?: string; school?: string; place?: string }): Promise<SummaryPlace | undefined> {
  const unknown = async (name: string) => new DomainError('unknown_place', summaryTexts.unknownTown(name, await listTownNames(db)));
  if (input.school !== undefined) {
    const town = input.town === undefined ? undefined : (await resolveTown(db, input.town)) ?? input.town;
    const { places: found, exact } = await placesNamed(db, input.school, town);
    if (found.length === 0) throw await unknown(input.town ? `${input.town} ${input.school}` : input.school);
    if (found.length > 1 && !exact) throw ambiguousPart(input.school, found);
    if (found.length > 1) throw new DomainError('ambiguous_school', summaryTexts.ambiguousSchool(input.school, found.map((p) => p.town)));
    return found[0];
  }
  const name = input.town ?? input.place;
  if (name === undefined) return undefined;
  const { places, exact } = await placesNamed(db, name);
  // An education group (`汇总 首善教育集团`): by its exact name, or a part no town or school has.
  if (input.town === undefined && !(exact && places.length > 0)) {
    const groups = await findGroups(db, name);
    if (groups.length === 1 && (groups[0]!.exact || places.length === 0)) return { kind: 'group', group: groups[0]!.group };
  }
  // A town's name was asked for explicitly: a school of that name does not count.
  const found = input.town !== undefined ? places.filter((p) => p.kind === 'town') : places;
  if (found.length === 0) throw await unknown(name);
  if (found.length > 1 && !exact) throw ambiguousPart(name, found);
  if (found.length > 1) throw new DomainError('ambiguous_school', summaryTexts.ambiguousSchool(name, found.map((p) => p.town)));
  return found[0];
}

/** A town named exactly, or by a unique part of its name. */
async function resolveTown(db: Db, name: string): Promise<string | undefined> {
  const towns = (await placesNamed(db, name)).places.filter((p) => p.kind === 'town');
  return towns.length === 1 ? towns[0]!.town : undefined;
}

