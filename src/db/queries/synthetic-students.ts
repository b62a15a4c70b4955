import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../database.js';

/**
 * The children of `npm run cli -- generate`, written set-based like the rest of the region: per
 * school `perSchool` students (six in ten on the register, a few on 关注 or 预警, each at-risk one
 * mentored by a teacher of the school), and per month a visit to seven in ten of the at-risk
 * ones by their mentor. Hashes of the seed decide everything, so the same input gives the same rows.
 */
const SURNAMES = '蒋沈柳江苏彭曹袁邓许傅曾程蔡潘';
const GIVEN = '小一子雨星辰鹿鸣可欣墨安然沐阳若溪浩梓涵乐';

async function count(db: Db, query: SQL): Promise<number> {
  const result = (await db.execute(query)) as unknown as { n: number | string }[] | { rows: { n: number | string }[] };
  const row = Array.isArray(result) ? result[0] : result.rows[0];
  return Number(row?.n ?? 0);
}

export async function insertSyntheticStudents(
  db: Db,
  o: { seed: number; perSchool: number; months: string[]; now: Date; progress(msg: string, fields?: Record<string, unknown>): void },
): Promise<{ students: number; visits: number }> {
  const now = o.now.toISOString();
  let students = 0;
  let visits = 0;
  await db.transaction(async (tx) => {
    students = await count(
      tx,
      sql`
      with teachers as (
        select id, school_id, row_number() over (partition by school_id order by id) as rn, count(*) over (partition by school_id) as n
        from people where role = 'teacher' and school_id is not null
      ),
      kids as (
        select sc.id as school_id, g, hashtextextended('s' || sc.id || '_' || g, ${o.seed}) & 9223372036854775807 as h
        from schools sc cross join generate_series(1, ${o.perSchool}) as g
      ),
      inserted as (
        insert into students (school_id, student_no, name, class_name, categories, aid, mentor_id, alert_level, updated_at)
        select k.school_id, (2026000 + k.g)::text,
          substr(${SURNAMES}, 1 + (k.h % ${SURNAMES.length})::int, 1)
            || substr(${GIVEN}, 1 + ((k.h / 7) % ${GIVEN.length})::int, 1)
            || substr(${GIVEN}, 1 + ((k.h / 11) % ${GIVEN.length})::int, 1),
          (1 + (k.h / 13) % 6)::text || '年级' || (1 + (k.h / 17) % 3)::text || '班',
          c.categories,
          case when cardinality(c.categories) > 0 then array['营养餐'] else '{}'::text[] end,
          case when cardinality(c.categories) > 0 then t.id end,
          case when (k.h / 19) % 50 = 0 then 'alert' when (k.h / 19) % 50 < 3 then 'watch' else 'normal' end,
          ${now}::timestamptz
        from kids k
        cross join lateral (select case (k.h / 3) % 10
          when 0 then array['留守儿童'] when 1 then array['脱贫家庭'] when 2 then array['留守儿童', '单亲']
          when 3 then array['防返贫监测户'] when 4 then array['困境儿童'] when 5 then array['残疾儿童']
          else '{}'::text[] end as categories) c
        left join teachers t on t.school_id = k.school_id and t.rn = 1 + (k.h / 23) % t.n
        order by k.school_id, k.g
        returning 1
      )
      select count(*) as n from inserted`,
    );
    o.progress('generate: students written', { students });
    for (const month of o.months) {
      const n = await count(
        tx,
        sql`
        with inserted as (
          insert into home_visits (student_id, teacher_id, visited_on, mode, findings, measures, risks, recorded_at)
          select s.id, s.mentor_id, (${month} || '-01')::date + ((v.h / 100) % 28)::int,
            case when (v.h / 10) % 10 < 6 then 'home' when (v.h / 10) % 10 < 9 then 'phone' else 'video' end,
            '（生成的家访记录）', null, '{}'::text[], (${month} || '-28')::timestamptz
          from students s
          cross join lateral (select hashtextextended('v' || s.id || '@' || ${month}, ${o.seed}) & 9223372036854775807 as h) v
          where s.mentor_id is not null and v.h % 10 < 7
          returning 1
        )
        select count(*) as n from inserted`,
      );
      visits += n;
    }
    o.progress('generate: visits written', { visits, months: o.months.length });
  });
  await db.execute(sql`analyze students, home_visits`);
  return { students, visits };
}
