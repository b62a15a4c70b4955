import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSummaryCard } from '../../src/lark/cards/summary-card.js';
import { summaryCommand } from '../../src/lark/chat/summary-command.js';
import type { Db } from '../../src/db/database.js';
import { REGION_SIZES } from '../../src/cli/generate/synthetic-region.js';
import { generateRegion, type GenerateReport } from '../../src/cli/generate/write-synthetic-region.js';
import { buildBureauSummary } from '../../src/domain/summary/build-bureau-summary.js';
import { isDomainError } from '../../src/errors.js';
import { cliOverFreshDatabase, runCli, type CliOverDatabase } from '../helpers/run-cli.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { rawRows as rows } from '../../src/db/raw-rows.js';

/**
 * The synthetic region generator on a real database (PGlite, or Postgres with DATABASE_URL), and
 * the summary over what it wrote: counts, determinism, one school, and the same numbers as a
 * plain per-school count.
 */

const NOW = new Date('2026-11-29T14:50:00Z'); // November's round is past its deadline
const TZ = 'Asia/Shanghai';
const SEED = 7;

/** Everything generated that a seed decides (check-ins, and the supervision year), as one digest. */
async function digest(db: Db): Promise<string> {
  const [row] = await rows<{ d: string }>(
    db,
    sql`select md5(string_agg(concat_ws('|', p.open_id, p.name, s.chat_id, t.name, r.period, x.answers::text, x.submitted_at, x.late, x.source), ',' order by p.open_id, r.period)) as d
        from responses x join people p on p.id = x.person_id join rounds r on r.id = x.round_id
        join schools s on s.id = p.school_id join towns t on t.id = s.town_id`,
  );
  const [supervision] = await rows<{ d: string }>(
    db,
    sql`select md5(coalesce((select string_agg(concat_ws('|', i.school_id, i.period, i.created_at, s.sub_item_id, s.score, s.reason, s.at, s.replaced_at), ',' order by s.id)
          from inspection_scores s join inspections i on i.id = s.inspection_id), '')
        || coalesce((select string_agg(concat_ws('|', inspection_id, note, at), ',' order by id) from rectifications), '')
        || coalesce((select string_agg(concat_ws('|', school_id, sub_item_id, period, storage_key, uploaded_at, review, reviewed_at, review_note), ',' order by id) from evidence), '')) as d`,
  );
  return `${row!.d} ${supervision!.d}`;
}

/** Per school, counted the plain way: a check on the summary's one-statement tally. */
async function plainCounts(db: Db, period: string) {
  return rows<{ school: string; expected: number; answered: number; visits: number; phone: number; alerts: number }>(
    db,
    sql`select s.name as school,
          (select count(*) from people p where p.school_id = s.id and p.role = 'teacher' and p.active)::int as expected,
          (select count(*) from responses x join people p on p.id = x.person_id join rounds r on r.id = x.round_id
            where p.school_id = s.id and p.role = 'teacher' and p.active and r.period = ${period})::int as answered,
          (select coalesce(sum((x.answers ->> 'home_visits')::int), 0) from responses x join people p on p.id = x.person_id join rounds r on r.id = x.round_id
            where p.school_id = s.id and p.role = 'teacher' and r.period = ${period})::int as visits,
          (select coalesce(sum((x.answers ->> 'phone_followups')::int), 0) from responses x join people p on p.id = x.person_id join rounds r on r.id = x.round_id
            where p.school_id = s.id and p.role = 'teacher' and r.period = ${period})::int as phone,
          (select coalesce(sum((x.answers ->> 'new_alerts')::int), 0) from responses x join people p on p.id = x.person_id join rounds r on r.id = x.round_id
            where p.school_id = s.id and p.role = 'teacher' and r.period = ${period})::int as alerts
        from schools s order by s.id`,
  );
}

describe('generate a tiny region, then summarise it', () => {
  let database: TestDatabase;
  let db: Db;
  let report: GenerateReport;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    report = await generateRegion(db, { size: REGION_SIZES.tiny, seed: SEED, years: 1, now: NOW, timezone: TZ });
  });
  afterAll(() => database?.close());

  it('writes the planned roster, 12 monthly rounds and check-ins for most teachers', async () => {
    expect(report).toMatchObject({ towns: 2, schools: 6, principals: 6, teachers: 40, rounds: 12 });
    const [counts] = await rows<Record<string, number>>(
      db,
      sql`select (select count(*) from towns)::int as towns, (select count(*) from schools)::int as schools,
          (select count(*) from people where role = 'teacher')::int as teachers,
          (select count(*) from people where role = 'principal')::int as principals,
          (select count(*) from people where role in ('bureau', 'admin'))::int as bureau,
          (select count(*) from rounds)::int as rounds, (select min(period) from rounds) as first, (select max(period) from rounds) as last,
          (select count(*) from responses)::int as responses,
          (select count(distinct school_id) from people where role = 'principal')::int as schools_with_principal,
          (select count(*) from schools where chat_id like 'oc_gen_%')::int as chats`,
    );
    expect(counts).toEqual({
      towns: 2,
      schools: 6,
      teachers: 40,
      principals: 6,
      bureau: 2,
      rounds: 12,
      first: '2025-12',
      last: '2026-11',
      responses: report.responses,
      schools_with_principal: 6,
      chats: 6,
    });
    // Most teachers answer each round, not all of them.
    expect(report.responses).toBeGreaterThan(40 * 12 * 0.75);
    expect(report.responses).toBeLessThan(40 * 12);
    const [late] = await rows<{ late: number; early: number }>(db, sql`select count(*) filter (where late)::int as late, count(*) filter (where not late)::int as early from responses`);
    expect(late!.late).toBeGreaterThan(0);
    expect(late!.early).toBeGreaterThan(late!.late);
  });

  it('refuses to write over a roster, and with force writes the same rows again', async () => {
    const before = await digest(db);
    await expect(generateRegion(db, { size: REGION_SIZES.tiny, seed: SEED, years: 1, now: NOW, timezone: TZ })).rejects.toSatisfy(
      (e: unknown) => isDomainError(e) && e.code === 'roster_exists',
    );
    expect(await digest(db)).toBe(before);
    const again = await generateRegion(db, { size: REGION_SIZES.tiny, seed: SEED, years: 1, now: NOW, timezone: TZ, force: true });
    expect(again.responses).toBe(report.responses);
    expect(await digest(db)).toBe(before);
    // The dropped and rebuilt indexes are all back.
    const indexes = await rows<{ name: string }>(db, sql`select indexname as name from pg_indexes where tablename = 'responses' order by 1`);
    expect(indexes.map((i) => i.name)).toEqual(['responses_person_idx', 'responses_pkey', 'responses_round_person_key']);
  });

  it('the summary has the same numbers as a plain count, school by school', async () => {
    const summary = await buildBureauSummary(db, { now: NOW });
    expect(summary.period).toBe('2026-11');
    const plain = await plainCounts(db, '2026-11');
    const lines = summary.towns.flatMap((t) => t.schools);
    expect(lines.map((s) => ({ school: s.school, expected: s.expected, answered: s.answered, visits: s.sums.home_visits, phone: s.sums.phone_followups, alerts: s.sums.new_alerts }))).toEqual(plain);
    expect(summary.totals.expected).toBe(40);
  });

  it('summarises one school, by its name alone or with its town, and one town', async () => {
    const whole = await buildBureauSummary(db, { now: NOW, period: '2026-10' });
    const target = whole.towns[1]!.schools[2]!;
    for (const input of [{ place: target.school }, { town: target.town, school: target.school }, { school: target.school }]) {
      const one = await buildBureauSummary(db, { now: NOW, period: '2026-10', ...input });
      expect(one.school).toBe(target.school);
      expect(one.town).toBe(target.town);
      expect(one.towns).toHaveLength(1);
      expect(one.towns[0]!.schools).toEqual([target]);
      expect(one.totals).toEqual({ expected: target.expected, answered: target.answered, late: target.late, sums: target.sums });
    }
    const town = await buildBureauSummary(db, { now: NOW, period: '2026-10', place: target.town });
    expect(town.school).toBeUndefined();
    expect(town.towns).toEqual([whole.towns[1]]);
  });

  it('「汇总 学校名」 answers with that school’s card; an unknown name lists the towns', async () => {
    const whole = await buildBureauSummary(db, { now: NOW });
    const target = whole.towns[0]!.schools[1]!;
    const reply = await summaryCommand.run({ db, args: target.school, now: NOW, timezone: TZ } as Parameters<typeof summaryCommand.run>[0]);
    const card = JSON.stringify(reply);
    expect(card).toContain(`${target.school}合计`);
    expect(card).toContain(`${target.answered}/${target.expected}`);
    for (const other of whole.towns.flatMap((t) => t.schools).filter((s) => s.schoolId !== target.schoolId)) expect(card).not.toContain(other.school);
    expect(JSON.stringify(buildSummaryCard(await buildBureauSummary(db, { now: NOW, place: target.school }), TZ))).toBe(card.slice('{"card":'.length, -1));
    await expect(buildBureauSummary(db, { now: NOW, place: '火星中学' })).rejects.toSatisfy(
      (e: unknown) => isDomainError(e) && e.userMessage.includes('火星中学') && whole.towns.every((t) => e.userMessage.includes(t.name)),
    );
    // A town's name given as the town must be a town.
    await expect(buildBureauSummary(db, { now: NOW, town: target.school })).rejects.toSatisfy((e: unknown) => isDomainError(e) && e.code === 'unknown_place');
  });
});

// A process per command; on PGlite each pays for opening the embedded database (see cli-admin).
describe.runIf(process.env.DATABASE_URL)('npm run cli -- generate', { timeout: 120_000 }, () => {
  let tmp: string;
  let admin: CliOverDatabase | undefined;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'ducha-generate-'));
    admin = await cliOverFreshDatabase(tmp);
    env = admin.env;
  });
  afterAll(async () => {
    await admin?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('prints one JSON line, then refuses a second run without --force (exit 1), and rejects bad arguments (exit 2)', async () => {
    const first = await runCli(env, ['generate', 'tiny', '--years', '1', '--seed', String(SEED), '--at', NOW.toISOString()]);
    expect(first.code, first.stderr).toBe(0);
    const lines = first.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ scale: 'tiny', years: 1, seed: SEED, towns: 2, schools: 6, teachers: 40, rounds: 12 });
    const second = await runCli(env, ['generate', 'tiny', '--years', '1', '--at', NOW.toISOString()]);
    expect(second.code).toBe(1);
    expect(second.stdout).toBe('');
    expect(second.stderr).toContain('generate：未写入任何数据：数据库里已有名单：要替换请加 --force');
    const bad = await runCli(env, ['generate', 'galaxy', '--years', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^规模须为 county, province, tiny 之一$/m);
    expect(bad.stderr).toContain('--years 须为 1 到 10 的整数');
    expect(bad.stderr).toContain('用法：npm run cli -- generate');
  });
});
