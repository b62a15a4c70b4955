import { and, asc, desc, eq, ne } from 'drizzle-orm';
import type { DataFormula, FrameworkDefinition } from '../../model/framework-definition.js';
import type { Db } from '../database.js';
import { frameworkItems, frameworks, frameworkSubItems } from '../schema/index.js';

type SubItemBase = { id: number; itemId: number; position: number; code: string; name: string; points: number; guidance: string | null };

/** A 子项 as stored: a `data` one always names its formula (checked on load), the others never do. */
export type FrameworkSubItem = SubItemBase & ({ scoring: 'data'; formula: DataFormula } | { scoring: 'inspection' | 'evidence'; formula: null });

/** A 大项 with its 子项 in the file's order. */
export type FrameworkItem = { id: number; position: number; name: string; points: number; subItems: FrameworkSubItem[] };

/** One loaded version of the standard, whole: what inspections, evidence and scoring read. */
export type Framework = {
  id: number;
  version: string;
  title: string;
  /** The shipped default, an example the bureau is meant to replace. */
  isExample: boolean;
  active: boolean;
  loadedAt: Date;
  items: FrameworkItem[];
};

export type FrameworkRow = typeof frameworks.$inferSelect;

export async function findFrameworkByVersion(db: Db, version: string): Promise<FrameworkRow | undefined> {
  const [row] = await db.select().from(frameworks).where(eq(frameworks.version, version));
  return row;
}

export async function hasAnyFramework(db: Db): Promise<boolean> {
  const rows = await db.select({ id: frameworks.id }).from(frameworks).limit(1);
  return rows.length > 0;
}

/**
 * Stores a new version with its items and sub-items (run it in a transaction), inactive until
 * activateFramework. Undefined when the version exists already (a concurrent load won the race).
 */
export async function insertFramework(db: Db, definition: FrameworkDefinition, loadedAt: Date): Promise<number | undefined> {
  const [created] = await db
    .insert(frameworks)
    .values({ version: definition.version, title: definition.title, isExample: definition.example, active: false, loadedAt })
    .onConflictDoNothing({ target: frameworks.version })
    .returning({ id: frameworks.id });
  if (!created) return undefined;
  const frameworkId = created.id;
  const items = await db
    .insert(frameworkItems)
    .values(definition.items.map((item, i) => ({ frameworkId, position: i + 1, name: item.name, points: item.points })))
    .returning({ id: frameworkItems.id, position: frameworkItems.position });
  const itemIds = new Map(items.map((row) => [row.position, row.id]));
  const subItems = definition.items.flatMap((item, i) =>
    item.subItems.map((sub, j) => ({
      frameworkId,
      itemId: itemIds.get(i + 1)!,
      position: j + 1,
      code: sub.code,
      name: sub.name,
      points: sub.points,
      scoring: sub.scoring,
      formula: sub.formula ?? null,
      guidance: sub.guidance ?? null,
    })),
  );
  await db.insert(frameworkSubItems).values(subItems);
  return frameworkId;
}

/** Puts one version in force and every other out of it. */
export async function activateFramework(db: Db, frameworkId: number): Promise<void> {
  await db.update(frameworks).set({ active: false }).where(and(ne(frameworks.id, frameworkId), eq(frameworks.active, true)));
  await db.update(frameworks).set({ active: true }).where(eq(frameworks.id, frameworkId));
}

/** A stored version, whole (items and sub-items in the file's order), or undefined. */
export async function readFramework(db: Db, frameworkId: number): Promise<Framework | undefined> {
  const [row] = await db.select().from(frameworks).where(eq(frameworks.id, frameworkId));
  if (!row) return undefined;
  const items = await db
    .select()
    .from(frameworkItems)
    .where(eq(frameworkItems.frameworkId, frameworkId))
    .orderBy(asc(frameworkItems.position));
  const subItems = await db
    .select()
    .from(frameworkSubItems)
    .where(eq(frameworkSubItems.frameworkId, frameworkId))
    .orderBy(asc(frameworkSubItems.position), asc(frameworkSubItems.id));
  return {
    id: row.id,
    version: row.version,
    title: row.title,
    isExample: row.isExample,
    active: row.active,
    loadedAt: row.loadedAt,
    items: items.map((item) => ({
      id: item.id,
      position: item.position,
      name: item.name,
      points: item.points,
      subItems: subItems
        .filter((sub) => sub.itemId === item.id)
        .map((sub): FrameworkSubItem => {
          const base = { id: sub.id, itemId: sub.itemId, position: sub.position, code: sub.code, name: sub.name, points: sub.points, guidance: sub.guidance };
          return sub.scoring === 'data' ? { ...base, scoring: 'data', formula: sub.formula as DataFormula } : { ...base, scoring: sub.scoring, formula: null };
        }),
    })),
  };
}

/** The framework in force, as a header: the latest loaded of the active ones. */
export async function findActiveFramework(db: Db): Promise<{ id: number; version: string; title: string } | undefined> {
  const [row] = await db
    .select({ id: frameworks.id, version: frameworks.version, title: frameworks.title })
    .from(frameworks)
    .where(eq(frameworks.active, true))
    .orderBy(desc(frameworks.loadedAt), desc(frameworks.id))
    .limit(1);
  return row;
}

/**
 * The standard in force: the active version (the latest loaded, should two ever be active), whole,
 * with every id. Undefined only before any framework was loaded (the default is seeded at start).
 */
export async function loadActiveFramework(db: Db): Promise<Framework | undefined> {
  const active = await findActiveFramework(db);
  return active ? readFramework(db, active.id) : undefined;
}

/** A sub-item of a version by its code (`2.1`), as inspections and evidence name it. */
export async function findFrameworkSubItem(db: Db, key: { frameworkId: number; code: string }): Promise<FrameworkSubItem | undefined> {
  const framework = await readFramework(db, key.frameworkId);
  return framework?.items.flatMap((item) => item.subItems).find((sub) => sub.code === key.code);
}
