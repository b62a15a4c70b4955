import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import postgres from 'postgres';
import { openPglite } from '../../src/db/open-pglite.js';
import { openPostgres } from '../../src/db/open-postgres.js';
import type { Database } from '../../src/db/database.js';
import { prepareDatabase } from '../../src/entry/prepare-database.js';

export type TestDatabase = Database & { url: string | undefined };

/**
 * A fresh, migrated database per test file: on the Postgres in DATABASE_URL a new database
 * (dropped afterwards), else an in-memory PGlite. Each test file builds its own data.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    // The run's migrated template (pglite-template.global.ts) when there is one; prepared again, which is a no-op then.
    const template = inject('pgliteSnapshot');
    const database = await openPglite(undefined, template ? { snapshot: new Blob([await readFile(template)]) } : {});
    await prepareDatabase(database);
    return { ...database, url: undefined };
  }
  return createPostgresDatabase(serverUrl, `ducha_test_${process.pid}_${randomBytes(4).toString('hex')}`, { max: 5 });
}

/** A new, migrated database `name` on the Postgres server at `serverUrl`; `close()` drops it. */
export async function createPostgresDatabase(
  serverUrl: string,
  name: string,
  options: { max: number },
): Promise<Database & { url: string }> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = openPostgres(url.toString(), { max: options.max });
  await prepareDatabase(database);
  return {
    ...database,
    url: url.toString(),
    async close() {
      await database.close();
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
