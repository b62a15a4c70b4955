import type { Db } from '../../db/database.js';
import { findSchool, type Person } from '../../db/queries/people.js';
import { listReminderModes, saveReminderMode } from '../../db/queries/reminder-mode.js';
import { findPlaces, findPlacesContaining, type Place } from '../../db/queries/summary.js';
import type { ReminderMode } from '../../db/schema/roster.js';
import { DomainError } from '../../errors.js';
import { reminderModeTexts as t } from '../../texts/reminder-mode-texts.js';

export type ReminderModeSetting = { schoolName: string; mode: ReminderMode; changed: boolean };

/**
 * `提醒方式 [群|私聊|都]` for a school: a principal reads or sets their own school's, an admin
 * names the school. Without a mode it only reads.
 */
export async function setReminderMode(
  db: Db,
  o: { person: Person; mode?: ReminderMode | undefined; schoolName?: string | undefined },
): Promise<ReminderModeSetting> {
  const school = await schoolFor(db, o.person, o.schoolName);
  const current = (await listReminderModes(db, [school.id])).get(school.id) ?? 'group';
  if (o.mode === undefined || o.mode === current) return { schoolName: school.name, mode: current, changed: false };
  await saveReminderMode(db, school.id, o.mode);
  return { schoolName: school.name, mode: o.mode, changed: true };
}

async function schoolFor(db: Db, person: Person, named: string | undefined): Promise<{ id: number; name: string }> {
  if (person.role === 'principal') {
    const own = person.schoolId === null ? undefined : await findSchool(db, person.schoolId);
    if (!own || (named !== undefined && !own.name.includes(named))) throw new DomainError('not_your_school', t.onlyOwnSchool);
    return own;
  }
  if (named === undefined) throw new DomainError('missing_field', t.needsSchool);
  // The exact name, else a unique part of it (people leave out 「(示例)」 or the town).
  const exact = schoolsOnly(await findPlaces(db, named));
  const found = exact.length > 0 ? exact : schoolsOnly(await findPlacesContaining(db, named));
  if (found.length === 0) throw new DomainError('unknown_place', t.unknownSchool(named));
  if (found.length > 1) throw new DomainError('ambiguous_school', t.ambiguousSchool(named, found.map((p) => `${p.school}（${p.town}）`)));
  return { id: found[0]!.schoolId, name: found[0]!.school };
}

const schoolsOnly = (places: Place[]) => places.flatMap((p) => (p.kind === 'school' ? [p] : []));
