import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { migrationsFolder, type Database } from './database.js';
import { lockPgliteDataDir } from './pglite-lock.js';
import { initdbInChildProcess } from './pglite-initdb-child.js';
import { compileWasmWithoutTurbofan, releaseInitdbMemory, willRunInitdb } from './pglite-memory.js';
import * as schema from './schema/index.js';

/**
 * Postgres's defaults size buffers for a server (shared_buffers 160 MB, which PGlite's WASM heap then
 * holds); a county's data is tens of MB. Measured on the demo county, PGlite alone idles at 322 MB
 * RSS with the defaults and 170 MB with these (8 MB saves nothing more; 32 MB costs 40 MB).
 */
const EMBEDDED_SETTINGS = ['shared_buffers=16MB', 'wal_buffers=1MB', 'temp_buffers=2MB', 'work_mem=2MB', 'maintenance_work_mem=16MB'];

/**
 * Embedded Postgres: in memory when dataDir is undefined, else persisted in that folder. In memory,
 * `snapshot` (a dumpPgliteSnapshot of a migrated database) starts from that instead of initdb:
 * 0.8 s instead of 2.8 s, which the test suite pays once per file.
 */
export async function openPglite(dataDir: string | undefined, options: { snapshot?: Blob } = {}): Promise<Database & { snapshot(): Promise<Blob> }> {
  const unlock = dataDir ? lockPgliteDataDir(dataDir) : () => {};
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  compileWasmWithoutTurbofan();
  let client: PGlite;
  try {
    if (dataDir && willRunInitdb(dataDir)) await initdbInChildProcess(dataDir, EMBEDDED_SETTINGS);
    // In memory there is no folder to hand over: initdb runs here, and its instance is collected.
    const snapshot = dataDir ? undefined : options.snapshot;
    const initdb = !snapshot && willRunInitdb(dataDir);
    client = snapshot ? await PGlite.create({ loadDataDir: snapshot, postgresqlconf: EMBEDDED_SETTINGS }) : await PGlite.create(dataDir, { postgresqlconf: EMBEDDED_SETTINGS });
    if (initdb) await releaseInitdbMemory();
  } catch (error) {
    unlock();
    throw error;
  }
  const db = drizzle({ client, schema });
  return {
    db,
    kind: 'pglite',
    migrate: () => migrate(db, { migrationsFolder: migrationsFolder() }),
    async ping() {
      await db.execute(sql`select 1`);
    },
    /** The whole database as a tarball, for openPglite's `snapshot`. */
    async snapshot() {
      return client.dumpDataDir('none');
    },
    async close() {
      await client.close();
      unlock();
    },
  };
}
