import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../database.js';

/**
 * The children's follow-up of `npm run cli -- generate`, after its students and visits
 * (synthetic-students.ts), set-based: the aid check recorded on aided students' visits in each
 * term's first month (most 已到位 and 符合, some not), a dropout case for one student in 250 (most closed, a few open),
 * and 每天一问 on in one school in five, with a month of school days of checks (most answered,
 * a few 需关注). Hashes of the seed decide, so the same input gives the same rows.
 */
async function count(db: Db, query: SQL): Promise<number> {
  const result = (await db.execute(query)) as unknown as { n: number | string }[] | { rows: { n: number | string }[] };
  const row = Array.isArray(result) ? result[0] : result.rows[0];
  return Number(row?.n ?? 0);
}

export async function insertSyntheticFollowups(
  db: Db,
  o: { seed: number; month: string; schoolDays: string[]; now: Date; progress(msg: string, fields?: Record<string, unknown>): void },
): Promise<{ aidChecked: number; dropoutCases: number; dailyChecks: number }> {
  const now = o.now.toISOString();
  const h = (key: SQL) => sql`(hashtextextended(${key}, ${o.seed}) & 9223372036854775807)`;
  let aidChecked = 0;
  let dropoutCases = 0;
  let dailyChecks = 0;
  await db.transaction(async (tx) => {
    aidChecked = await count(
      tx,
      sql`
      with checked as (
        update home_visits v set
          aid_status = case when x.h % 20 = 0 then 'none' when x.h % 20 < 3 then 'partial' else 'full' end,
          eligibility = case when (x.h / 20) % 25 = 0 then 'ineligible' when (x.h / 20) % 25 < 3 then 'unverified' else 'eligible' end
        from (
          select hv.id, ${h(sql`'aid' || hv.id`)} as h
          from home_visits hv join students s on s.id = hv.student_id
          where cardinality(s.aid) > 0
        ) x
        -- Once a term, as the bureau asks: the visits of September and March record the check.
        where x.id = v.id and x.h % 10 < 8 and extract(month from v.visited_on) in (3, 9)
        returning 1
      )
      select count(*) as n from checked`,
    );
    dropoutCases = await count(
      tx,
      sql`
      with picked as (
        select s.id, s.mentor_id, ${h(sql`'drop' || s.id`)} as h from students s where s.mentor_id is not null
      ),
      inserted as (
        insert into dropout_cases (student_id, state, responsible_id, reason, opened_at, closed_at, updated_at)
        select p.id,
          case (p.h / 250) % 10 when 0 then 'suspected' when 1 then 'dropped' when 2 then 'persuading' when 3 then 'transferred' else 'returned' end,
          p.mentor_id, '（生成的辍学案例）', ${now}::timestamptz - ((p.h / 2500) % 90) * interval '1 day',
          case when (p.h / 250) % 10 >= 3 then ${now}::timestamptz - ((p.h / 2500) % 10) * interval '1 day' end,
          ${now}::timestamptz
        from picked p where p.h % 250 = 0
        returning 1
      )
      select count(*) as n from inserted`,
    );
    await tx.execute(sql`
      insert into school_settings (school_id, daily_check, daily_check_at, updated_at)
      select sc.id, true, '16:30', ${now}::timestamptz from schools sc where ${h(sql`'daily' || sc.id`)} % 5 = 0
      on conflict (school_id) do nothing`);
    dailyChecks = await count(
      tx,
      sql`
      with inserted as (
        insert into daily_checks (mentor_id, student_id, day, answer, note, answered_at)
        select s.mentor_id, s.id, d.day::date,
          case when x.h % 10 < 8 then (case when x.h % 97 = 0 then 'concern' else 'ok' end) end,
          null,
          case when x.h % 10 < 8 then (d.day || ' 17:00+08')::timestamptz end
        from students s
        join school_settings ss on ss.school_id = s.school_id and ss.daily_check
        cross join jsonb_array_elements_text(${JSON.stringify(o.schoolDays)}::jsonb) as d(day)
        cross join lateral (select ${h(sql`'check' || s.id || '@' || d.day`)} as h) x
        where s.mentor_id is not null
        on conflict do nothing
        returning 1
      )
      select count(*) as n from inserted`,
    );
    o.progress('generate: follow-ups written', { aidChecked, dropoutCases, dailyChecks });
  });
  await db.execute(sql`analyze home_visits, dropout_cases, daily_checks`);
  return { aidChecked, dropoutCases, dailyChecks };
}
