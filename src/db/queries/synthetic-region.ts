import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../database.js';
import { rawRows as rows, rawCount as count } from '../raw-rows.js';

/**
 * The statements of `npm run cli -- generate`: a synthetic region written set-based, one
 * statement per table for the roster and one per round for the answers (every row is expanded in
 * SQL, never in Node). Names, answers, who answers and when are hashes of the seed, so the same
 * input gives the same rows.
 */
export type SyntheticRegionRows = {
  seed: number;
  towns: string[];
  schools: { ordinal: number; townOrdinal: number; name: string; chatId: string; teachers: number; answerPermille: number }[];
  rounds: { period: string; opensAt: Date; dueAt: Date }[];
  bureauChatId: string;
};

const SURNAMES = '王张李刘杨赵陈马高郭董何吕田雷周吴孙冯薛韩党魏贾';
const GIVEN_FIRST = '建国志文晓丽雅海俊子明思欣佳春秀红永玉';
const GIVEN_LAST = '华敏军芳涛娟强霞伟婷鹏燕磊洁峰琳平梅勇辉静波宁';

// Everything the generator writes, and what points at it.
const GENERATED_TABLES = 'rectifications, inspection_scores, inspections, evidence, audit_log, alert_changes, home_visits, students, response_revisions, responses, reminder_ledger, rounds, people, schools, towns, job_runs, outbox';

export async function holdsRoster(db: Db): Promise<boolean> {
  return (await count(db, sql`select (exists (select 1 from people) or exists (select 1 from towns))::int as n`)) === 1;
}

/** Empties the roster, rounds, answers and what points at them (`generate --force`). */
export async function deleteGeneratedRows(db: Db): Promise<void> {
  await db.execute(sql.raw(`truncate ${GENERATED_TABLES} restart identity cascade`));
}

function jsonOf(region: SyntheticRegionRows) {
  return {
    schoolsJson: JSON.stringify(
      region.schools.map((s) => ({ ordinal: s.ordinal, town: region.towns[s.townOrdinal - 1], name: s.name, chat_id: s.chatId, teachers: s.teachers, permille: s.answerPermille })),
    ),
    roundsJson: JSON.stringify(region.rounds.map((r) => ({ period: r.period, opens_at: r.opensAt.toISOString(), due_at: r.dueAt.toISOString() }))),
  };
}

/** Towns, schools, principals, teachers, a bureau officer and admin, and the campaign's rounds, in one transaction. */
export async function insertSyntheticRoster(db: Db, region: SyntheticRegionRows, o: { campaignId: number; now: Date }): Promise<void> {
  const { schoolsJson, roundsJson } = jsonOf(region);
  const now = o.now.toISOString();
  const seed = region.seed;
  await db.transaction(async (tx) => {
    await tx.execute(sql`insert into towns (name) select t.name from jsonb_array_elements_text(${JSON.stringify(region.towns)}::jsonb) with ordinality as t(name, n) order by t.n`);
    await tx.execute(sql`
      insert into schools (town_id, name, chat_id)
      select t.id, s.name, s.chat_id
      from jsonb_to_recordset(${schoolsJson}::jsonb) as s(ordinal int, town text, name text, chat_id text)
      join towns t on t.name = s.town
      order by s.ordinal`);
    const name = sql`
      substr(${SURNAMES}, 1 + (h % ${SURNAMES.length})::int, 1)
      || case when (h / 7) % 4 = 3 then '' else substr(${GIVEN_FIRST}, 1 + ((h / 11) % ${GIVEN_FIRST.length})::int, 1) end
      || substr(${GIVEN_LAST}, 1 + ((h / 13) % ${GIVEN_LAST.length})::int, 1)`;
    await tx.execute(sql`
      insert into people (open_id, name, role, school_id, chat_id, updated_at)
      select open_id, ${name}, 'principal', school_id, chat_id, ${now}::timestamptz
      from (
        select 'ou_gen_p' || lpad(s.ordinal::text, 5, '0') as open_id, sc.id as school_id, s.chat_id,
          hashtextextended('p' || s.ordinal, ${seed}) & 9223372036854775807 as h
        from jsonb_to_recordset(${schoolsJson}::jsonb) as s(ordinal int, chat_id text)
        join schools sc on sc.chat_id = s.chat_id
      ) x
      order by open_id`);
    await tx.execute(sql`
      insert into people (open_id, name, role, school_id, chat_id, updated_at)
      select open_id, ${name}, 'teacher', school_id, chat_id, ${now}::timestamptz
      from (
        select 'ou_gen_t' || lpad(s.ordinal::text, 5, '0') || '_' || lpad(g::text, 3, '0') as open_id, sc.id as school_id, s.chat_id,
          hashtextextended('t' || s.ordinal || '_' || g, ${seed}) & 9223372036854775807 as h
        from jsonb_to_recordset(${schoolsJson}::jsonb) as s(ordinal int, chat_id text, teachers int)
        join schools sc on sc.chat_id = s.chat_id
        cross join generate_series(1, s.teachers) as g
      ) x
      order by open_id`);
    // A bureau chat with one officer and one admin, so `汇总` can be tried on the generated data.
    await tx.execute(sql`
      insert into people (open_id, name, role, chat_id, updated_at)
      values ('ou_gen_b1', '督查员', 'bureau', ${region.bureauChatId}, ${now}::timestamptz),
             ('ou_gen_a1', '管理员', 'admin', ${region.bureauChatId}, ${now}::timestamptz)`);
    await tx.execute(sql`
      insert into rounds (campaign_id, period, opens_at, due_at, opened_at)
      select ${o.campaignId}, r.period, r.opens_at, r.due_at, r.opens_at
      from jsonb_to_recordset(${roundsJson}::jsonb) as r(period text, opens_at timestamptz, due_at timestamptz)
      order by r.opens_at
      on conflict (campaign_id, period) do nothing`);
  });
}

/**
 * The answers, as a bulk load in one transaction: the table's secondary indexes are dropped and
 * rebuilt from their own definitions (a sort beats 5 M scattered index inserts), and with a
 * superuser the per-row foreign-key triggers are skipped (every row is joined from existing rounds
 * and people). A failure rolls all of it back, indexes included. Returns how many were written.
 */
export async function insertSyntheticAnswers(
  db: Db,
  region: SyntheticRegionRows,
  o: { campaignId: number; now: Date; progress(msg: string, fields?: Record<string, unknown>): void },
): Promise<number> {
  const { schoolsJson } = jsonOf(region);
  const now = o.now.toISOString();
  const seed = region.seed;
  let responses = 0;
  await db.transaction(async (tx) => {
    const empty = (await count(tx, sql`select (not exists (select 1 from responses))::int as n`)) === 1;
    const superuser = (await count(tx, sql`select (current_setting('is_superuser') = 'on')::int as n`)) === 1;
    if (superuser) await tx.execute(sql`select set_config('session_replication_role', 'replica', true)`);
    await tx.execute(sql`select set_config('maintenance_work_mem', '256MB', true)`);
    const indexes = empty ? await rows<{ name: string; def: string }>(tx, sql`
      select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
      from pg_index i where i.indrelid = 'responses'::regclass and not i.indisprimary
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`) : [];
    for (const index of indexes) await tx.execute(sql.raw(`drop index ${index.name}`));
    // Per round, teachers in id order. A teacher answers if the hash falls under the school's
    // rate and the moment has come by now; answers land between the opening and two days past
    // the deadline, so some are late.
    for (const round of region.rounds) {
      const n = await count(
        tx,
        sql`
        with inserted as (
          insert into responses (round_id, person_id, answers, submitted_at, late, source, revisions)
          select r.id, p.id,
            jsonb_build_object('home_visits', (x.h % 7)::int, 'phone_followups', ((x.h / 7) % 5)::int,
              'new_alerts', case when (x.h / 35) % 20 = 0 then 1 else 0 end, 'note', null),
            x.at, x.at > r.due_at, case when (x.h / 700) % 4 = 0 then 'card' else 'text' end, 0
          from rounds r
          join people p on p.role = 'teacher'
          join schools sc on sc.id = p.school_id
          join jsonb_to_recordset(${schoolsJson}::jsonb) as s(chat_id text, permille int) on s.chat_id = sc.chat_id
          cross join lateral (
            select h, r.opens_at + ((h / 2800) % 37440) * interval '1 minute' as at
            from (select hashtextextended(p.open_id || '@' || r.period, ${seed}) & 9223372036854775807 as h) hh
          ) x
          where r.campaign_id = ${o.campaignId} and r.period = ${round.period}
            and (x.h / 1000000000) % 1000 < s.permille and x.at <= ${now}::timestamptz
          order by p.id
          returning 1
        )
        select count(*) as n from inserted`,
      );
      responses += n;
      o.progress('generate: round written', { period: round.period, responses: n });
    }
    for (const index of indexes) await tx.execute(sql.raw(index.def));
    if (indexes.length > 0) o.progress('generate: indexes rebuilt', { indexes: indexes.map((i) => i.name) });
  });
  return responses;
}

/**
 * For a bulk load in the caller's transaction: with a superuser the per-row foreign-key triggers
 * are skipped (every generated row is joined from rows that exist), and sorts and index builds get room.
 */
export async function settleForBulkLoad(tx: Db): Promise<void> {
  const superuser = (await count(tx, sql`select (current_setting('is_superuser') = 'on')::int as n`)) === 1;
  if (superuser) await tx.execute(sql`select set_config('session_replication_role', 'replica', true)`);
  await tx.execute(sql`select set_config('maintenance_work_mem', '256MB', true), set_config('work_mem', '64MB', true)`);
}

export async function analyzeGeneratedTables(db: Db): Promise<void> {
  await db.execute(sql`analyze towns, schools, people, rounds, responses`);
}
