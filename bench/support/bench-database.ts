import type { Database } from '../../src/db/database.js';
import { createPostgresDatabase } from '../../test/helpers/test-database.js';

/** A fresh, migrated database; `close()` drops it. */
export type BenchDatabase = Database & { url: string };

/** The tests' fresh Postgres database, named for the scenario and with a pool the size of Ducha's. */
export function createBenchDatabase(serverUrl: string, name: string): Promise<BenchDatabase> {
  return createPostgresDatabase(serverUrl, `ducha_bench_${name}`, { max: 10 });
}
