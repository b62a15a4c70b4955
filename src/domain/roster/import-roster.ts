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
      const wanted = {
        name: row.name,
        role: row.role,
        schoolId: row.town && row.school ? schoolIds.get(schoolKey(row.town, row.school))! : null,
        chatId: row.chatId,
        active: true,
      };
      const current = existing.get(row.openId);
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

async function upsertSchools(db: Db, rows: RosterRow[], townIds: Map<string, number>): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const row of rows) {
    if (!row.town || !row.school || !row.chatId) continue;
    const key = schoolKey(row.town, row.school);
    if (ids.has(key)) continue;
    const values = { townId: townIds.get(row.town)!, name: row.school, chatId: row.chatId, educationGroup: row.educationGroup, groupRole: row.groupRole };
    const clash = await findSchoolUsingChat(db, { chatId: row.chatId, townId: values.townId, name: row.school });
    if (clash) throw new DomainError('chat_in_use', `第 ${row.line} 行：群 ${row.chatId} 已属于「${clash}」，一个群只能对应一所学校`);
    ids.set(key, await upsertSchool(db, values));
  }
  return ids;
}
