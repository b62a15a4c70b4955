import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPglite } from '../../src/db/open-pglite.js';
import { prepareDatabase } from '../../src/entry/prepare-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated, prepared PGlite database as a tarball: each test file starts its own from it. */
    pgliteSnapshot: string | undefined;
  }
}

/**
 * On PGlite (no DATABASE_URL), one migrated database for the whole run: initdb and the migrations
 * cost 2.8 s, a copy of the result 0.8 s, and every test file makes at least one database.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  if (process.env.DATABASE_URL) {
    project.provide('pgliteSnapshot', undefined);
    return;
  }
  const folder = await mkdtemp(path.join(tmpdir(), 'ducha-pglite-template-'));
  const file = path.join(folder, 'migrated.tar');
  const database = await openPglite(undefined);
  await prepareDatabase(database);
  await writeFile(file, Buffer.from(await (await database.snapshot()).arrayBuffer()));
  await database.close();
  project.provide('pgliteSnapshot', file);
  return () => rm(folder, { recursive: true, force: true });
}
