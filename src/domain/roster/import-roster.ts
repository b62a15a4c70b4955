import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { people, schools, towns } from '../../db/schema/index.js';
import { DomainError } from '../../errors.js';
import type { RosterRow } from './parse-roster-csv.js';

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
    const townIds = await upsertTowns(tx, rows);
    const schoolIds = await upsertSchools(tx, rows, townIds);
    const existing = new Map(
      (await tx.select().from(people).where(inArray(people.openId, rows.map((r) => r.openId)))).map((p) => [p.openId, p]),
    );
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
        await tx.insert(people).values({ ...wanted, openId: row.openId, updatedAt: now });
        report.created++;
      } else if (
        current.name !== wanted.name ||
        current.role !== wanted.role ||
        current.schoolId !== wanted.schoolId ||
        current.chatId !== wanted.chatId ||
        !current.active
      ) {
        await tx.update(people).set({ ...wanted, updatedAt: now }).where(eq(people.id, current.id));
        report.updated++;
      } else {
        report.unchanged++;
      }
    }
    if (options.prune) {
      const pruned = await tx
        .update(people)
        .set({ active: false, updatedAt: now })
        .where(and(eq(people.active, true), notInArray(people.openId, rows.map((r) => r.openId))))
        .returning({ id: people.id });
      report.deactivated = pruned.length;
    }
    return report;
  });
}

const schoolKey = (town: string, school: string) => `${town}\u0000${school}`;

async function upsertTowns(db: Db, rows: RosterRow[]): Promise<Map<string, number>> {
  const names = [...new Set(rows.flatMap((r) => (r.town ? [r.town] : [])))];
  if (names.length === 0) return new Map();
  await db.insert(towns).values(names.map((name) => ({ name }))).onConflictDoNothing();
  const found = await db.select().from(towns).where(inArray(towns.name, names));
  return new Map(found.map((t) => [t.name, t.id]));
}

async function upsertSchools(db: Db, rows: RosterRow[], townIds: Map<string, number>): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const row of rows) {
    if (!row.town || !row.school || !row.chatId) continue;
    const key = schoolKey(row.town, row.school);
    if (ids.has(key)) continue;
    const values = { townId: townIds.get(row.town)!, name: row.school, chatId: row.chatId, educationGroup: row.educationGroup };
    const clash = await db
      .select({ name: schools.name })
      .from(schools)
      .where(and(eq(schools.chatId, row.chatId), sql`not (${schools.townId} = ${values.townId} and ${schools.name} = ${row.school})`));
    if (clash[0]) {
      throw new DomainError('chat_in_use', `第 ${row.line} 行：群 ${row.chatId} 已属于「${clash[0].name}」，一个群只能对应一所学校`);
    }
    const [school] = await db
      .insert(schools)
      .values(values)
      .onConflictDoUpdate({
        target: [schools.townId, schools.name],
        set: { chatId: values.chatId, educationGroup: values.educationGroup },
      })
      .returning({ id: schools.id });
    ids.set(key, school!.id);
  }
  return ids;
}
