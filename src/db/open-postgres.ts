import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { migrationsFolder, type Database } from './database.js';
import { preparingEveryStatement } from './prepared-statements.js';
import * as schema from './schema/index.js';

/** An arbitrary fixed key so concurrent starts apply migrations one at a time. */
const MIGRATION_LOCK = 7_210_001;

export function openPostgres(
  url: string,
  options: {
    max?: number;
    /** Sees every statement sent (the bench records the SQL one event needs). */
    debug?: (connection: number, query: string, parameters: unknown[]) => void;
  } = {},
): Database {
  const client = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connect_timeout: 10,
    ...(options.debug ? { debug: options.debug } : {}),
  });
  const db = drizzle({ client: preparingEveryStatement(client), schema });
  return {
    db,
    kind: 'postgres',
    async migrate() {
      // A single-connection client holds a session advisory lock for the whole migration.
      const one = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await one`select pg_advisory_lock(${MIGRATION_LOCK})`;
        await migrate(drizzle({ client: one, schema }), { migrationsFolder: migrationsFolder() });
      } finally {
        await one.end({ timeout: 5 });
      }
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
    close: () => client.end({ timeout: 5 }),
  };
}
