import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { generateRegion } from '../../src/cli/generate/write-synthetic-region.js';
import { scoreSchools, type PeriodScores } from '../../src/domain/scoring/score-schools.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { rawRows as rows } from '../../src/db/raw-rows.js';

/**
 * The generator's year of 月督查 (inspections, corrections, 已整改, evidence under review) on a
 * real database, against plain SQL, and the scoring engine over it: a small county, 30 schools.
 */

const NOW = new Date('2026-12-31T04:00:00Z'); // noon on New Year's Eve in Beijing: all of 2026 is past
const TZ = 'Asia/Shanghai';
const SEED = 7;
const SMALL_COUNTY = { counties: 1, townsPerCounty: 10, schoolsPerTown: 3, teachers: 150 };

const one = async <T>(db: Db, query: ReturnType<typeof sql>) => (await rows<T>(db, query))[0]!;

describe('generate a small county with a year of supervision', () => {
  let database: TestDatabase;
  let db: Db;
  let report: Awaited<ReturnType<typeof generateRegion>>;
  let year: PeriodScores;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    report = await generateRegion(db, { size: SMALL_COUNTY, seed: SEED, years: 1, now: NOW, timezone: TZ });
    year = await scoreSchools(db, { label: '2026', timezone: TZ });
  });
  afterAll(() => database?.close());

  it('reports what the tables hold, counted plainly', async () => {
    const counted = await one<Record<string, number>>(
      db,
      sql`select (select count(*) from inspections)::int as inspections,
          (select count(*) from inspection_scores)::int as "inspectionScores",
          (select count(*) from inspection_scores where reason is not null and replaced_by_id is null and not exists (
            select 1 from inspection_scores o where o.replaced_by_id = inspection_scores.id))::int as "uncorrectedDeductions",
          (select count(*) from inspection_scores where replaced_by_id is not null)::int as corrections,
          (select count(*) from rectifications)::int as rectifications,
          (select count(*) from evidence)::int as evidence,
          (select count(*) from evidence where review = 'accepted')::int as "evidenceAccepted",
          (select count(*) from evidence where review = 'pending')::int as "evidencePending",
          (select count(*) from evidence where review = 'rejected')::int as "evidenceRejected"`,
    );
    const { uncorrectedDeductions, ...rest } = counted;
    expect(rest).toEqual({
      inspections: report.inspections,
      inspectionScores: report.inspectionScores,
      corrections: report.corrections,
      rectifications: report.rectifications,
      evidence: report.evidence,
      evidenceAccepted: report.evidenceAccepted,
      evidencePending: report.evidencePending,
      evidenceRejected: report.evidenceRejected,
    });
    expect(uncorrectedDeductions! + report.corrections).toBe(report.deductions);
    // The month's visit, for (nearly) every school and month of 2026, on the example framework in force.
    expect(report.inspections).toBeGreaterThan(30 * 12 * 0.9);
    const spread = await one<{ first: string; last: string; per: number; fw: number; example: boolean }>(
      db,
      sql`select min(period) as first, max(period) as last,
          (select max(n)::int from (select count(*) as n from inspections group by school_id, period) x) as per,
          (select count(distinct framework_id)::int from inspections) as fw,
          (select bool_and(f.is_example and f.active) from frameworks f join inspections i on i.framework_id = f.id) as example
          from inspections`,
    );
    expect(spread).toEqual({ first: '2026-01', last: '2026-12', per: 1, fw: 1, example: true });
  });

  it('scores every inspection sub-item once in force, a reason under full points, corrections keeping the old row', async () => {
    const scores = await one<Record<string, number>>(
      db,
      sql`select
          (select count(*) from framework_sub_items fs join frameworks f on f.id = fs.framework_id where f.active and fs.scoring = 'inspection')::int as "subItems",
          (select count(distinct n)::int from (select count(*) as n from inspection_scores where replaced_at is null group by inspection_id) x) as "shapes",
          (select min(n)::int from (select count(*) as n from inspection_scores where replaced_at is null group by inspection_id) x) as "inForce",
          (select count(*) from inspection_scores s join framework_sub_items fs on fs.id = s.sub_item_id where fs.scoring <> 'inspection')::int as "wrongWay",
          (select count(*) from inspection_scores s join framework_sub_items fs on fs.id = s.sub_item_id where s.score < fs.points and s.reason is null)::int as "noReason",
          (select count(*) from inspection_scores s join framework_sub_items fs on fs.id = s.sub_item_id where s.score < 0 or s.score > fs.points)::int as "outOfRange",
          (select count(*) from inspection_scores o join inspection_scores n on n.id = o.replaced_by_id
            where n.replaced_at is null and n.at = o.replaced_at and n.inspection_id = o.inspection_id and n.sub_item_id = o.sub_item_id
              and n.reason is not null and n.reason <> o.reason and n.score > o.score)::int as "goodCorrections",
          (select count(*) from inspection_scores where (replaced_at is null) <> (replaced_by_id is null))::int as "halfReplaced"`,
    );
    expect(scores).toEqual({ subItems: 11, shapes: 1, inForce: 11, wrongWay: 0, noReason: 0, outOfRange: 0, goodCorrections: report.corrections, halfReplaced: 0 });
    expect(report.corrections).toBeGreaterThan(0);
    expect(report.corrections).toBeLessThan(report.deductions * 0.2);
  });

  it('audits every score, correction and rectification; 已整改 only where a deduction stands, by the principal, after the visit', async () => {
    const audited = await rows<{ action: string; n: number }>(db, sql`select action, count(*)::int as n from audit_log where action like 'inspection_%' group by action order by action`);
    expect(audited).toEqual([
      { action: 'inspection_correction', n: report.corrections },
      { action: 'inspection_rectification', n: report.rectifications },
      { action: 'inspection_score', n: report.inspectionScores - report.corrections },
    ]);
    const fixes = await one<Record<string, number>>(
      db,
      sql`select count(*)::int as all,
          count(*) filter (where p.role = 'principal' and p.school_id = i.school_id and r.at > i.created_at and r.at <= ${NOW.toISOString()}::timestamptz
            and r.note like '已整改%' and exists (select 1 from inspection_scores s join framework_sub_items fs on fs.id = s.sub_item_id
              where s.inspection_id = i.id and s.replaced_at is null and s.score < fs.points))::int as good,
          (select count(*) from inspections i2 where exists (select 1 from inspection_scores s join framework_sub_items fs on fs.id = s.sub_item_id
              where s.inspection_id = i2.id and s.replaced_at is null and s.score < fs.points))::int as owed
          from rectifications r join inspections i on i.id = r.inspection_id join people p on p.id = r.by_id`,
    );
    expect(fixes.good).toBe(fixes.all);
    // Most deductions are answered, not all.
    expect(fixes.all).toBeGreaterThan(fixes.owed! * 0.4);
    expect(fixes.all).toBeLessThan(fixes.owed!);
  });

  it('files evidence metadata under evidence sub-items, accepted, pending and returned with a note', async () => {
    const ev = await one<Record<string, number>>(
      db,
      sql`select count(*) filter (where fs.scoring <> 'evidence')::int as "wrongWay",
          count(*) filter (where e.review = 'rejected' and (e.review_note is null or e.reviewed_by_id is null))::int as "rejectedWithoutNote",
          count(*) filter (where e.review = 'pending' and (e.reviewed_at is not null or e.reviewed_by_id is not null))::int as "pendingReviewed",
          count(*) filter (where e.review = 'accepted' and (e.reviewed_at is null or e.reviewed_at < e.uploaded_at or e.review_note is not null))::int as "badAccepted",
          count(*) filter (where e.uploaded_at > ${NOW.toISOString()}::timestamptz or to_char(e.uploaded_at at time zone ${TZ}::text, 'YYYY-MM') <> e.period)::int as "badPeriod",
          count(*) filter (where p.role <> 'principal' or p.school_id <> e.school_id)::int as "notStaff",
          (count(*) - count(distinct e.storage_key))::int as "sharedKeys"
          from evidence e join framework_sub_items fs on fs.id = e.sub_item_id join people p on p.id = e.uploaded_by_id`,
    );
    expect(ev).toEqual({ wrongWay: 0, rejectedWithoutNote: 0, pendingReviewed: 0, badAccepted: 0, badPeriod: 0, notStaff: 0, sharedKeys: 0 });
    expect(report.evidenceAccepted).toBeGreaterThan(report.evidence * 0.6);
    expect(report.evidenceRejected).toBeGreaterThan(0);
    expect(report.evidencePending).toBeGreaterThan(0);
  });

  it('most schools lose a little under inspection, a few lose much', async () => {
    const lost = await rows<{ school_id: number; lost: number }>(
      db,
      sql`select i.school_id, (sum(fs.points - s.score) / count(distinct i.id))::float8 as lost
          from inspections i join inspection_scores s on s.inspection_id = i.id and s.replaced_at is null
          join framework_sub_items fs on fs.id = s.sub_item_id group by i.school_id order by lost`,
    );
    expect(lost).toHaveLength(30);
    const little = lost.filter((l) => l.lost > 0 && l.lost < 2).length;
    const much = lost.filter((l) => l.lost >= 3).length;
    expect(little).toBeGreaterThanOrEqual(18);
    expect(much).toBeGreaterThanOrEqual(1);
    expect(much).toBeLessThanOrEqual(8);
  });

  it('scoreSchools over 2026 gives every school a score in range, its inspection sub-items as the plain average of deductions', async () => {
    expect(year.schools).toHaveLength(30);
    for (const s of year.schools) {
      expect(s.points).toBe(100);
      expect(s.score).toBeGreaterThanOrEqual(0);
      expect(s.score).toBeLessThanOrEqual(100);
    }
    const plain = await rows<{ school_id: number; code: string; score: number }>(
      db,
      sql`with months as (select school_id, count(distinct period) as n from inspections where period like '2026-%' group by school_id),
          lost as (select i.school_id, fs.code, sum(fs.points - s.score) as lost
            from inspections i join inspection_scores s on s.inspection_id = i.id and s.replaced_at is null
            join framework_sub_items fs on fs.id = s.sub_item_id where i.period like '2026-%' group by 1, 2)
          select sc.id as school_id, fs.code, greatest(0, round(fs.points - coalesce(l.lost, 0) / coalesce(m.n, 1), 1))::float8 as score
          from schools sc cross join framework_sub_items fs join frameworks f on f.id = fs.framework_id and f.active
          left join months m on m.school_id = sc.id left join lost l on l.school_id = sc.id and l.code = fs.code
          where fs.scoring = 'inspection' order by sc.id, fs.code`,
    );
    const engine = year.schools.flatMap((s) =>
      s.items.flatMap((i) => i.subItems).filter((sub) => sub.basis.way === 'inspection').map((sub) => ({ school_id: s.schoolId, code: sub.code, score: sub.score })),
    );
    expect(engine.sort((a, b) => a.school_id - b.school_id || a.code.localeCompare(b.code))).toEqual(plain);
    // Evidence: full points exactly where the bureau accepted something in 2026.
    const accepted = await rows<{ key: string }>(db, sql`select distinct e.school_id || ':' || fs.code as key from evidence e join framework_sub_items fs on fs.id = e.sub_item_id where e.review = 'accepted' and e.period like '2026-%'`);
    const full = year.schools.flatMap((s) => s.items.flatMap((i) => i.subItems).filter((sub) => sub.basis.way === 'evidence' && sub.score === sub.points).map((sub) => `${s.schoolId}:${sub.code}`));
    expect(full.sort()).toEqual(accepted.map((a) => a.key).sort());
  });

  it('a school with deductions scores below the same school without them, and lagging schools rank low', async () => {
    let compared = 0;
    for (const s of year.schools) {
      for (const sub of s.items.flatMap((i) => i.subItems)) {
        if (sub.basis.way !== 'inspection') continue;
        expect(sub.basis.inspections).toBeGreaterThan(0);
        const lost = sub.basis.deductions.reduce((sum, d) => sum + d.points - d.score, 0) / sub.basis.inspections;
        // Averaged over the months inspected and kept in tenths: a half point once a year rounds away.
        if (lost >= 0.05) compared++;
        expect(sub.score).toBe(lost >= 0.05 ? Math.max(0, Math.round((sub.points - lost) * 10) / 10) : sub.points);
      }
    }
    expect(compared).toBeGreaterThan(30);
    const standing = new Map(report.plan.schools.map((p) => [p.name, p.standing]));
    const mean = (which: string) => {
      const of = year.schools.filter((s) => standing.get(s.school) === which);
      expect(of.length).toBeGreaterThan(0);
      return of.reduce((sum, s) => sum + s.score, 0) / of.length;
    };
    expect(mean('lagging')).toBeLessThan(mean('steady') - 3);
    const quarter = await scoreSchools(db, { label: '2026-Q4', timezone: TZ });
    expect(quarter.period.months).toEqual(['2026-10', '2026-11', '2026-12']);
    const ranked = [...quarter.schools].sort((a, b) => a.score - b.score);
    expect(standing.get(ranked[0]!.school)).toBe('lagging');
    expect(standing.get(ranked.at(-1)!.school)).not.toBe('lagging');
    // The same school with its deductions scored full instead (the last test: it changes the data).
    const worst = [...year.schools].sort((a, b) => a.score - b.score)[0]!;
    const inspectionLoss = worst.items.flatMap((i) => i.subItems).filter((sub) => sub.basis.way === 'inspection').reduce((sum, sub) => sum + Math.round((sub.points - sub.score) * 10), 0) / 10;
    expect(inspectionLoss).toBeGreaterThan(1);
    await db.execute(sql`update inspection_scores s set score = fs.points from framework_sub_items fs, inspections i
      where fs.id = s.sub_item_id and i.id = s.inspection_id and i.school_id = ${worst.schoolId} and s.replaced_at is null`);
    const clean = await scoreSchools(db, { label: '2026', timezone: TZ });
    const after = clean.schools.find((s) => s.schoolId === worst.schoolId)!;
    expect(after.score).toBeCloseTo(worst.score + inspectionLoss, 5);
    expect(clean.schools.filter((s) => s.schoolId !== worst.schoolId)).toEqual(year.schools.filter((s) => s.schoolId !== worst.schoolId));
  });
});
