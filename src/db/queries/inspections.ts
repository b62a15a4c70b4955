import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../database.js';
import { frameworkItems, frameworks, frameworkSubItems, inspections, inspectionScores, people, rectifications, schools, towns } from '../schema/index.js';

export { findActiveFramework } from './frameworks.js';

export type InspectionSubItem = { id: number; code: string; name: string; points: number; itemName: string; guidance: string | null };

/** A framework's sub-items an inspector scores, in the file's order (大项, then 子项). */
export async function listInspectionSubItems(db: Db, frameworkId: number): Promise<InspectionSubItem[]> {
  return db
    .select({ id: frameworkSubItems.id, code: frameworkSubItems.code, name: frameworkSubItems.name, points: frameworkSubItems.points, itemName: frameworkItems.name, guidance: frameworkSubItems.guidance })
    .from(frameworkSubItems)
    .innerJoin(frameworkItems, eq(frameworkItems.id, frameworkSubItems.itemId))
    .where(and(eq(frameworkSubItems.frameworkId, frameworkId), eq(frameworkSubItems.scoring, 'inspection')))
    .orderBy(asc(frameworkItems.position), asc(frameworkSubItems.position), asc(frameworkSubItems.id));
}

export type InspectionRow = typeof inspections.$inferSelect;

export async function findInspection(db: Db, o: { schoolId: number; frameworkId: number; period: string }): Promise<InspectionRow | undefined> {
  const [row] = await db
    .select()
    .from(inspections)
    .where(and(eq(inspections.schoolId, o.schoolId), eq(inspections.frameworkId, o.frameworkId), eq(inspections.period, o.period)));
  return row;
}

export async function findInspectionById(db: Db, id: number): Promise<InspectionRow | undefined> {
  const [row] = await db.select().from(inspections).where(eq(inspections.id, id));
  return row;
}

/** The month's inspection of the school, made on first use; a second instance's insert meets the unique key and reads the row. */
export async function findOrCreateInspection(
  db: Db,
  o: { schoolId: number; frameworkId: number; period: string; inspectorId: number; at: Date },
): Promise<InspectionRow> {
  const [created] = await db
    .insert(inspections)
    .values({ schoolId: o.schoolId, frameworkId: o.frameworkId, period: o.period, inspectorId: o.inspectorId, createdAt: o.at })
    .onConflictDoNothing()
    .returning();
  return created ?? (await findInspection(db, o))!;
}

export async function markInspectionNotified(db: Db, id: number, at: Date): Promise<void> {
  await db.update(inspections).set({ notifiedAt: at }).where(and(eq(inspections.id, id), isNull(inspections.notifiedAt)));
}

export type ScoreRow = typeof inspectionScores.$inferSelect & { byName: string };

/** Every score of an inspection, current and replaced, oldest first, with who gave it. */
export async function listInspectionScores(db: Db, inspectionId: number): Promise<ScoreRow[]> {
  const rows = await db
    .select({ score: inspectionScores, byName: people.name })
    .from(inspectionScores)
    .innerJoin(people, eq(people.id, inspectionScores.byId))
    .where(eq(inspectionScores.inspectionId, inspectionId))
    .orderBy(asc(inspectionScores.at), asc(inspectionScores.id));
  return rows.map((r) => ({ ...r.score, byName: r.byName }));
}

export type NewScore = { subItemId: number; score: number; reason: string | null; remedy: string | null };

/**
 * Puts a score in force for a sub-item: the current one (if any) is marked replaced first, so the
 * one-current-row index never sees two, then the new row goes in and the old one names it.
 */
export async function putInspectionScore(db: Db, o: { inspectionId: number; byId: number; at: Date; replaces: number | null } & NewScore): Promise<number> {
  if (o.replaces !== null) await db.update(inspectionScores).set({ replacedAt: o.at }).where(eq(inspectionScores.id, o.replaces));
  const [row] = await db
    .insert(inspectionScores)
    .values({ inspectionId: o.inspectionId, subItemId: o.subItemId, score: o.score, reason: o.reason, remedy: o.remedy, byId: o.byId, at: o.at })
    .returning({ id: inspectionScores.id });
  if (o.replaces !== null) await db.update(inspectionScores).set({ replacedById: row!.id }).where(eq(inspectionScores.id, o.replaces));
  return row!.id;
}

export type RectificationRow = { id: number; note: string; at: Date; byName: string; evidenceId: number | null };

export async function listRectifications(db: Db, inspectionId: number): Promise<RectificationRow[]> {
  return db
    .select({ id: rectifications.id, note: rectifications.note, at: rectifications.at, byName: people.name, evidenceId: rectifications.evidenceId })
    .from(rectifications)
    .innerJoin(people, eq(people.id, rectifications.byId))
    .where(eq(rectifications.inspectionId, inspectionId))
    .orderBy(asc(rectifications.at), asc(rectifications.id));
}

export async function insertRectification(db: Db, o: { inspectionId: number; byId: number; note: string; at: Date; evidenceId?: number }): Promise<number> {
  const [row] = await db.insert(rectifications).values(o).returning({ id: rectifications.id });
  return row!.id;
}

/** A school with its town's name, for cards. */
export async function findSchoolWithTown(db: Db, schoolId: number): Promise<{ id: number; name: string; town: string } | undefined> {
  const [row] = await db
    .select({ id: schools.id, name: schools.name, town: towns.name })
    .from(schools)
    .innerJoin(towns, eq(towns.id, schools.townId))
    .where(eq(schools.id, schoolId));
  return row;
}

/** Who someone is, by id (an inspector on a principal's card, a replaced score's author). */
export async function findPersonById(db: Db, id: number): Promise<{ id: number; name: string; openId: string; active: boolean } | undefined> {
  const [row] = await db.select({ id: people.id, name: people.name, openId: people.openId, active: people.active }).from(people).where(eq(people.id, id));
  return row;
}

/** The photo an inspector took for a score: kept with the score row in force. */
export async function setScorePhoto(db: Db, scoreId: number, evidenceId: number): Promise<void> {
  await db.update(inspectionScores).set({ photoEvidenceId: evidenceId }).where(eq(inspectionScores.id, scoreId));
}

/** A school's latest inspections, newest month first: what a rectification can answer. */
export async function listRecentInspections(db: Db, schoolId: number, limit: number): Promise<InspectionRow[]> {
  return db.select().from(inspections).where(eq(inspections.schoolId, schoolId)).orderBy(desc(inspections.period), desc(inspections.id)).limit(limit);
}
