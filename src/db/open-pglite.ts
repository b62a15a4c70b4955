import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { migrationsFolder, type Database } from './database.js';
import { lockPgliteDataDir } from './pglite-lock.js';
import * as schema from './schema/index.js';

/** Embedded Postgres: in memory when dataDir is undefined, else persisted in that folder. */
export async function openPglite(dataDir: string | undefined): Promise<Database> {
  const unlock = dataDir ? lockPgliteDataDir(dataDir) : () => {};
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  let client: PGlite;
  try {
    client = await PGlite.create(dataDir);
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
    async close() {
      await client.close();
      unlock();
    },
  };
}
