import type { Db } from '../../db/database.js';
import { activateFramework, findFrameworkByVersion, insertFramework, readFramework, type Framework } from '../../db/queries/frameworks.js';
import type { FrameworkDefinition } from '../../model/framework-definition.js';

export type LoadFrameworkResult =
  /** Stored as a new version and put in force. */
  | { status: 'loaded'; frameworkId: number; version: string }
  /** The same version with the same content was loaded before; it is the one in force now. */
  | { status: 'already-loaded'; frameworkId: number; version: string; wasActive: boolean }
  /** The version exists with other content: nothing changed (a version, once scored, stays as it was). */
  | { status: 'version-taken'; frameworkId: number; version: string };

/**
 * `framework load FILE`: a new version is stored whole and becomes the one in force, in one
 * transaction. A version is never rewritten, because inspections and evidence name its sub-items;
 * loading the same file again only puts it back in force.
 */
export async function loadFramework(db: Db, definition: FrameworkDefinition, now: Date): Promise<LoadFrameworkResult> {
  return db.transaction(async (tx): Promise<LoadFrameworkResult> => {
    const version = definition.version;
    const created = await insertFramework(tx, definition, now);
    if (created !== undefined) {
      await activateFramework(tx, created);
      return { status: 'loaded', frameworkId: created, version };
    }
    const existing = await findFrameworkByVersion(tx, version);
    const stored = existing && (await readFramework(tx, existing.id));
    if (!stored) throw new Error(`framework ${version} conflicted on insert but cannot be read`);
    if (!sameContent(stored, definition)) return { status: 'version-taken', frameworkId: stored.id, version };
    if (!stored.active) await activateFramework(tx, stored.id);
    return { status: 'already-loaded', frameworkId: stored.id, version, wasActive: stored.active };
  });
}

/** The stored version says what the file says (ids, positions and load time aside). */
export function sameContent(stored: Framework, definition: FrameworkDefinition): boolean {
  const fromStore = {
    title: stored.title,
    example: stored.isExample,
    items: stored.items.map((item) => ({
      name: item.name,
      points: item.points,
      subItems: item.subItems.map((s) => ({ code: s.code, name: s.name, points: s.points, scoring: s.scoring, formula: s.formula, guidance: s.guidance })),
    })),
  };
  const fromFile = {
    title: definition.title,
    example: definition.example,
    items: definition.items.map((item) => ({
      name: item.name,
      points: item.points,
      subItems: item.subItems.map((s) => ({ code: s.code, name: s.name, points: s.points, scoring: s.scoring, formula: s.formula ?? null, guidance: s.guidance ?? null })),
    })),
  };
  return JSON.stringify(fromStore) === JSON.stringify(fromFile);
}
