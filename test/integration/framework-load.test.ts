import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFrameworkByVersion, findFrameworkSubItem, loadActiveFramework } from '../../src/db/queries/frameworks.js';
import { defaultFramework, ensureDefaultFramework } from '../../src/domain/framework/default-framework.js';
import { loadFramework } from '../../src/domain/framework/load-framework.js';
import { parseFrameworkFile, type FrameworkDefinition } from '../../src/model/framework-definition.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

/** Loading versions of the standard and reading the one in force, in-process on PGlite or Postgres. */

let database: TestDatabase;
const at = new Date('2026-12-01T01:00:00Z');

function definition(version: string, inspectionPoints = 4): FrameworkDefinition {
  const parsed = parseFrameworkFile({
    version,
    title: '本局标准',
    items: [
      {
        name: '控辍保学机制',
        points: 6 + inspectionPoints,
        subItems: [
          { code: '2.1', name: '失学辍学动态清零', points: 6, scoring: 'data', formula: 'open_dropouts_zero' },
          { code: '2.2', name: '劝返复学', points: inspectionPoints, scoring: 'inspection', guidance: '查看劝返方案' },
        ],
      },
      { name: '家庭教育', points: 5, subItems: [{ code: '8.1', name: '家长学校', points: 5, scoring: 'evidence' }] },
    ],
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.framework;
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe('the indicator framework in the database', () => {
  it('starts with the example in force, whole, with ids', async () => {
    const active = await loadActiveFramework(database.db);
    expect(active).toMatchObject({ version: defaultFramework().version, isExample: true, active: true });
    expect(active!.items).toHaveLength(8);
    const subItems = active!.items.flatMap((i) => i.subItems);
    expect(subItems).toHaveLength(29);
    expect(active!.items[1]!.subItems[0]).toMatchObject({ code: '2.1', scoring: 'data', formula: 'open_dropouts_zero', itemId: active!.items[1]!.id });
    for (const s of subItems) expect(s.formula === null, s.code).toBe(s.scoring !== 'data');
    // Seeded once: a second start adds nothing.
    expect(await ensureDefaultFramework(database.db, at)).toBe(false);
  });

  it('puts a new version in force and the example out of it', async () => {
    const result = await loadFramework(database.db, definition('2027版'), at);
    expect(result).toMatchObject({ status: 'loaded', version: '2027版' });
    const active = await loadActiveFramework(database.db);
    expect(active).toMatchObject({ id: result.frameworkId, version: '2027版', title: '本局标准', isExample: false, loadedAt: at });
    expect(active!.items.map((i) => [i.position, i.name, i.points])).toEqual([
      [1, '控辍保学机制', 10],
      [2, '家庭教育', 5],
    ]);
    expect(active!.items[0]!.subItems.map((s) => [s.position, s.code, s.scoring, s.formula, s.guidance])).toEqual([
      [1, '2.1', 'data', 'open_dropouts_zero', null],
      [2, '2.2', 'inspection', null, '查看劝返方案'],
    ]);
    expect((await findFrameworkByVersion(database.db, defaultFramework().version))?.active).toBe(false);
    expect(await findFrameworkSubItem(database.db, { frameworkId: result.frameworkId, code: '8.1' })).toMatchObject({ name: '家长学校', points: 5, scoring: 'evidence' });
  });

  it('takes the same version and content again as already loaded, and refuses other content under that version', async () => {
    expect(await loadFramework(database.db, definition('2027版'), at)).toMatchObject({ status: 'already-loaded', wasActive: true });
    const before = await loadActiveFramework(database.db);
    expect(await loadFramework(database.db, definition('2027版', 5), at)).toMatchObject({ status: 'version-taken' });
    expect(await loadActiveFramework(database.db)).toEqual(before);
  });

  it('puts an older version back in force when its file is loaded again', async () => {
    const example = await loadFramework(database.db, defaultFramework(), at);
    expect(example).toMatchObject({ status: 'already-loaded', wasActive: false });
    expect((await loadActiveFramework(database.db))?.isExample).toBe(true);
    expect((await findFrameworkByVersion(database.db, '2027版'))?.active).toBe(false);
  });
});
