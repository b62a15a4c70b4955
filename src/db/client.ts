import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { lockPgliteDataDir } from './pglite-lock.js';
import * as schema from './schema/index.js';

/** Both drivers give this one type, so every query runs unchanged on Postgres, PGlite or in a transaction. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** A session-level lock held on its own connection until released (or the connection dies). */
export type HeldLock = { stillHeld(): Promise<boolean>; release(): Promise<void> };

export type Database = {
  db: Db;
  kind: 'postgres' | 'pglite';
  migrate(): Promise<void>;
  /** Takes an advisory lock if no other session holds it; undefined when another does. */
  tryLock(key: number): Promise<HeldLock | undefined>;
  ping(): Promise<void>;
  close(): Promise<void>;
};

export const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url));

/** An arbitrary fixed key so concurrent starts apply migrations one at a time. */
const MIGRATION_LOCK = 7_210_001;

export function openPostgres(url: string, options: { max?: number } = {}): Database {
  const client = postgres(url, { max: options.max ?? 10, onnotice: () => {}, connect_timeout: 10 });
  const db = drizzlePostgres({ client, schema });
  return {
    db,
    kind: 'postgres',
    async migrate() {
      // A single-connection client holds a session advisory lock for the whole migration.
      const one = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await one`select pg_advisory_lock(${MIGRATION_LOCK})`;
        await migratePostgres(drizzlePostgres({ client: one, schema }), { migrationsFolder });
      } finally {
        await one.end({ timeout: 5 });
      }
    },
    async tryLock(key) {
      const connection = await client.reserve();
      const [row] = await connection<{ ok: boolean }[]>`select pg_try_advisory_lock(${key}) as ok`;
      if (!row?.ok) {
        connection.release();
        return undefined;
      }
      let released = false;
      return {
        async stillHeld() {
          if (released) return false;
          try {
            await connection`select 1`;
            return true;
          } catch {
            return false;
          }
        },
        async release() {
          if (released) return;
          released = true;
          await connection`select pg_advisory_unlock(${key})`.catch(() => {});
          connection.release();
        },
      };
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
    close: () => client.end({ timeout: 5 }),
  };
}

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
  const db = drizzlePglite({ client, schema });
  return {
    db,
    kind: 'pglite',
    migrate: () => migratePglite(db, { migrationsFolder }),
    // One process owns a PGlite folder, so its locks have no one to exclude.
    tryLock: async () => ({ stillHeld: async () => true, release: async () => {} }),
    async ping() {
      await db.execute(sql`select 1`);
    },
    async close() {
      await client.close();
      unlock();
    },
  };
}

export function openDatabase(config: { databaseUrl: string | undefined; dataDir: string }): Promise<Database> {
  return config.databaseUrl ? Promise.resolve(openPostgres(config.databaseUrl)) : openPglite(config.dataDir);
}
