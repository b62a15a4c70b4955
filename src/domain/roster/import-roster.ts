import type { Db } from '../../db/database.js';
import {
  deactivatePeopleNotIn,
  findPeopleByOpenIds,
  findSchoolUsingChat,
  insertPerson,
  updatePerson,
  upsertSchool,
  upsertTowns,
} from '../../db/queries/roster.js';
import { DomainError } from '../../errors.js';
import type { RosterRow } from './roster-row.js';

export type RosterImportReport = {
  towns: number;
  schools: number;
  created: number;
  updated: number;
  unchanged: number;
  deactivated: number;
};

/**
 * Applies a validated roster in one transaction: towns and schools are created or updated,
 * people are matched by open_id. People missing from the file stay unless `prune` deactivates them.
 * Importing the same file twice changes nothing.
 */
export async function importRoster(
  db: Db,
  now: Date,
  rows: RosterRow[],
  options: { prune?: boolean } = {},
): Promise<RosterImportReport> {
  return db.transaction(async (tx) => {
    const townIds = await upsertTowns(tx, [...new Set(rows.flatMap((r) => (r.town ? [r.town] : [])))]);
    const schoolIds = await upsertSchools(tx, rows, townIds);
    const existing = await findPeopleByOpenIds(tx, rows.map((r) => r.openId));
    const report: RosterImportReport = { towns: townIds.size, schools: schoolIds.size, created: 0, updated: 0, unchanged: 0, deactivated: 0 };
    for (const row of rows) {
      const school = row.town && row.school ? schoolIds.get(schoolKey(row.town, row.school))! : null;
      const current = existing.get(row.openId);
      const wanted = {
        name: row.name,
        role: row.role,
        schoolId: school?.id ?? null,
        // School staff work in their school's chat (the file's, or the one bound in a chat); others keep theirs unless the file names one.
        chatId: school ? school.chatId : (row.chatId ?? current?.chatId ?? null),
        active: true,
      };
      if (!current) {
        await insertPerson(tx, { ...wanted, openId: row.openId, updatedAt: now });
        report.created++;
      } else if (
        current.name !== wanted.name ||
        current.role !== wanted.role ||
        current.schoolId !== wanted.schoolId ||
        current.chatId !== wanted.chatId ||
        !current.active
      ) {
        await updatePerson(tx, current.id, { ...wanted, updatedAt: now });
        report.updated++;
      } else {
        report.unchanged++;
      }
    }
    if (options.prune) {
      report.deactivated = await deactivatePeopleNotIn(tx, rows.map((r) => r.openId), now);
    }
    return report;
  });
}

const schoolKey = (town: string, school: string) => `${town}\u0000${school}`;

async function upsertSchools(db: Db, rows: RosterRow[], townIds: Map<string, number>): Promise<Map<string, { id: number; chatId: string | null }>> {
  const ids = new Map<string, { id: number; chatId: string | null }>();
  for (const row of rows) {
    if (!row.town || !row.school) continue;
    const key = schoolKey(row.town, row.school);
    if (ids.has(key)) continue;
    // The checker made every line of a school name the same chat, or none: the first line that names one.
    const chatId = rows.find((r) => r.town === row.town && r.school === row.school && r.chatId)?.chatId ?? null;
    const values = { townId: townIds.get(row.town)!, name: row.school, chatId, educationGroup: row.educationGroup, groupRole: row.groupRole };
    if (chatId) {
      const clash = await findSchoolUsingChat(db, { chatId, townId: values.townId, name: row.school });
      if (clash) throw new DomainError('chat_in_use', `第 ${row.line} 行：群 ${chatId} 已属于「${clash}」，一个群只能对应一所学校`);
    }
    ids.set(key, await upsertSchool(db, values));
  }
  return ids;
}
