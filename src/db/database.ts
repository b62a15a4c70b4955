import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema/index.js';

/** Both drivers give this one type, so every query runs unchanged on Postgres, PGlite or in a transaction. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type Database = {
  db: Db;
  kind: 'postgres' | 'pglite';
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
};

/**
 * Where the SQL migrations live, resolved only when migrating: a Worker bundle has no folder to
 * resolve (it never migrates; `npm run cli -- migrate` does, from Node). Two levels up from
 * src/db/ and from dist/entry/ (the bundle `npm start` runs) alike.
 */
export function migrationsFolder(): string {
  return fileURLToPath(new URL('../../migrations', import.meta.url));
}
