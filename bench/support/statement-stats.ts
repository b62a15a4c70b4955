import postgres from 'postgres';

export type StatementStat = { calls: number; totalMs: number; meanMs: number; query: string };

/**
 * What Postgres spent on one database's statements, from pg_stat_statements (when the server
 * loads it: shared_preload_libraries = 'pg_stat_statements'). `reset` before a run, `top` after.
 */
export function statementStats(serverUrl: string, database: string) {
  const withServer = async <T>(work: (sql: postgres.Sql) => Promise<T>): Promise<T | undefined> => {
    const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
    try {
      await sql`create extension if not exists pg_stat_statements`;
      return await work(sql);
    } catch {
      return undefined; // not loaded by this server
    } finally {
      await sql.end();
    }
  };
  const dbid = (sql: postgres.Sql) => sql`select oid from pg_database where datname = ${database}`.then((rows) => rows[0]?.oid as number);
  return {
    /** False when the server does not load pg_stat_statements. */
    reset: async () => (await withServer(async (sql) => (await sql`select pg_stat_statements_reset(0, ${await dbid(sql)}, 0)`, true))) ?? false,
    top: async (limit: number): Promise<StatementStat[] | undefined> =>
      withServer(async (sql) => {
        const rows = await sql`select calls, total_exec_time, mean_exec_time, regexp_replace(query, '\\s+', ' ', 'g') as query
          from pg_stat_statements where dbid = ${await dbid(sql)} order by total_exec_time desc limit ${limit}`;
        return rows.map((r) => ({ calls: Number(r.calls), totalMs: Number(r.total_exec_time), meanMs: Number(r.mean_exec_time), query: String(r.query) }));
      }),
  };
}
