import type { Db } from '../database.js';

/** The cheapest round trip: does the database answer? (`/readyz`) */
export async function pingDatabase(db: Db): Promise<void> {
  await db.execute('select 1');
}
