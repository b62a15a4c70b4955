import type { SQL } from 'drizzle-orm';
import type { Db } from './database.js';

/** Rows of a raw query: postgres.js gives an array, PGlite `{ rows }`. */
export async function rawRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/** A raw `select count(*) as n …` as a number. */
export async function rawCount(db: Db, query: SQL): Promise<number> {
  const [row] = await rawRows<{ n: number | string }>(db, query);
  return Number(row?.n ?? 0);
}
