import postgres from 'postgres';
import { openPostgres } from '../../src/db/open-postgres.js';
import type { Database } from '../../src/db/database.js';
import { prepareDatabase } from '../../src/runtime/prepare-database.js';

export type BenchDatabase = Database & { url: string; drop(): Promise<void> };

/** A fresh, migrated database on the bench's Postgres server, dropped by `drop()`. */
export async function createBenchDatabase(serverUrl: string, name: string): Promise<BenchDatabase> {
  const dbName = `ducha_bench_${name}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin.unsafe(`create database ${dbName}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  const database = openPostgres(url.toString(), { max: 10 });
  await prepareDatabase(database);
  return {
    ...database,
    url: url.toString(),
    async drop() {
      await database.close();
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${dbName} with (force)`);
      await cleanup.end();
    },
  };
}
