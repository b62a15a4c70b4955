import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/database.js';

export const benchTeacher = (n: number) => `ou_bench_t${n}`;

/**
 * A large roster in three set-based statements: `towns` towns, `schools` schools spread over
 * them, a principal each, and `teachers` teachers spread over the schools (open_id
 * ou_bench_t1 … ou_bench_tN, in a stable order).
 */
export async function seedBenchRoster(db: Db, size: { towns: number; schools: number; teachers: number }, now: Date): Promise<void> {
  await db.execute(sql`insert into towns (name) select '压测镇' || t from generate_series(1, ${size.towns}) t`);
  await db.execute(sql`
    insert into schools (town_id, name, chat_id)
    select (select id from towns order by id offset ((s - 1) % ${size.towns}) limit 1), '压测学校' || s, 'oc_bench_school_' || s
    from generate_series(1, ${size.schools}) s`);
  await db.execute(sql`
    insert into people (open_id, name, role, school_id, chat_id, updated_at)
    select 'ou_bench_p' || s.id, '校长' || s.id, 'principal', s.id, s.chat_id, ${now.toISOString()}::timestamptz from schools s`);
  await db.execute(sql`
    with numbered as (select id, chat_id, row_number() over (order by id) - 1 as k, count(*) over () as n from schools)
    insert into people (open_id, name, role, school_id, chat_id, updated_at)
    select 'ou_bench_t' || t, '教师' || t, 'teacher', s.id, s.chat_id, ${now.toISOString()}::timestamptz
    from generate_series(1, ${size.teachers}) t join numbered s on s.k = (t - 1) % s.n`);
}
