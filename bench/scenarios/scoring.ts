import { sql } from 'drizzle-orm';
import { REGION_SIZES, type RegionScale } from '../../src/cli/generate/synthetic-region.js';
import { generateRegion } from '../../src/cli/generate/write-synthetic-region.js';
import { countInspectionsBySchool, listDeductions, tallyEvidence } from '../../src/db/queries/scoring-marks.js';
import { withReportSettings } from '../../src/db/queries/summary.js';
import { readBulletin } from '../../src/domain/scoring/read-bulletin.js';
import { readSchoolFigures } from '../../src/domain/scoring/read-figures.js';
import { scoreSchools, type PeriodScores } from '../../src/domain/scoring/score-schools.js';
import { scoringPeriod } from '../../src/domain/scoring/scoring-span.js';
import type { BenchContext, BenchRow, Scenario } from '../scenario.js';
import { createBenchDatabase, type BenchDatabase } from '../support/bench-database.js';
import { fmt, median } from '../support/stats.js';
import { openSupervisionCeiling, withPeakRss, type Ceiling } from '../support/supervision-ceiling.js';

const WARM_UP = 1;
const RUNS = 5;
const SEED = 1;
const TIMEZONE = 'Asia/Shanghai';
/** Noon on New Year's Eve in Beijing: the whole of 2026 inspected, whatever day the bench runs. */
const NOW = new Date('2026-12-31T04:00:00Z');

type Case = { label: string; run(): Promise<unknown> };
type Timed = { p50: number; peakRss: number; rssBefore: number };

/**
 * p50 and the highest peak RSS of each case after a warm-up, the runs interleaved round-robin so
 * that noise from the shared machine falls on every case alike.
 */
async function measure(cases: Case[]): Promise<Timed[]> {
  const samples = cases.map(() => [] as number[]);
  const peaks = cases.map(() => 0);
  const before = cases.map(() => 0);
  for (let i = 0; i < WARM_UP + RUNS; i++) {
    for (const [k, c] of cases.entries()) {
      const started = performance.now();
      const { rssBefore, peakRss } = await withPeakRss(() => c.run());
      if (i < WARM_UP) continue;
      samples[k]!.push(performance.now() - started);
      peaks[k] = Math.max(peaks[k]!, peakRss);
      before[k] = Math.max(before[k]!, rssBefore);
    }
  }
  return cases.map((_, k) => ({ p50: median(samples[k]!), peakRss: peaks[k]!, rssBefore: before[k]! }));
}

/** Each school's points on the inspection and evidence sub-items, as the engine gave them. */
function supervisionPart(scores: PeriodScores): Map<number, number> {
  return new Map(
    scores.schools.map((s) => [
      s.schoolId,
      s.items.flatMap((i) => i.subItems).filter((sub) => sub.basis.way !== 'data').reduce((sum, sub) => sum + Math.round(sub.score * 10), 0) / 10,
    ]),
  );
}

async function scale(ctx: BenchContext, name: RegionScale): Promise<BenchRow[]> {
  const row = (metric: string, value: string, ceiling?: string): BenchRow => ({ scenario: 'scoring', metric: `${name}: ${metric}`, value, ...(ceiling ? { ceiling } : {}) });
  const bench: BenchDatabase = await createBenchDatabase(ctx.databaseUrl, `scoring_${name}`);
  let ceiling: Ceiling | undefined;
  try {
    ctx.log(`generating ${name} with 1 year of rounds and supervision in ducha_bench_scoring_${name}`);
    // The supervision year is written last: from the children's follow-ups to the evidence.
    const at: Record<string, number> = {};
    const progress = (msg: string) => void (at[msg] = performance.now());
    const r = await generateRegion(bench.db, { size: REGION_SIZES[name], seed: SEED, years: 1, now: NOW, timezone: TIMEZONE, progress });
    const supervisionMs = at['generate: evidence written']! - at['generate: follow-ups written']!;
    await bench.db.execute(sql`vacuum analyze`);
    ctx.log(`  ${fmt.int(r.inspections)} inspections, ${fmt.int(r.inspectionScores)} scores, ${fmt.int(r.evidence)} evidence in ${fmt.s(r.ms)}`);
    ceiling = openSupervisionCeiling(bench.url);
    const db = bench.db;
    const year = scoringPeriod('2026', TIMEZONE);
    const marks = () => withReportSettings(db, (tx) => Promise.all([countInspectionsBySchool(tx, year.months), listDeductions(tx, year.months), tallyEvidence(tx, year.months)]));
    const c = ceiling;
    const [yearly, quarterly, bulletin, figures, supervision, plain] = await measure([
      { label: 'scoreSchools 2026', run: () => scoreSchools(db, { label: '2026', timezone: TIMEZONE }) },
      { label: 'scoreSchools 2026-Q4', run: () => scoreSchools(db, { label: '2026-Q4', timezone: TIMEZONE }) },
      { label: 'readBulletin 2026-Q4', run: () => readBulletin(db, { label: '2026-Q4', timezone: TIMEZONE }) },
      { label: 'data figures 2026', run: () => withReportSettings(db, (tx) => readSchoolFigures(tx, year.span)) },
      { label: 'supervision reads 2026', run: marks },
      { label: 'ceiling 2026', run: () => c.run(year.months) },
    ]);
    // The ceiling must be right to be a ceiling: the same points per school as the engine's.
    const engine = supervisionPart(await scoreSchools(db, { label: '2026', timezone: TIMEZONE }));
    const plainPoints = await c.run(year.months);
    const diffs = [...engine].map(([id, points]) => Math.abs(points - (plainPoints.get(id) ?? NaN)));
    const agree = diffs.filter((d) => d < 1e-9).length;
    const maxDiff = Math.max(...diffs);
    ctx.log(`  ceiling agrees with the engine on ${agree} of ${engine.size} schools (max |Δ| ${maxDiff.toFixed(1)})`);
    const memory = (t: Timed) => `${fmt.mb(t.rssBefore)} / ${fmt.mb(t.peakRss)}`;
    return [
      row(
        `generate, 1 year (${fmt.int(r.schools)} schools, ${fmt.int(r.teachers)} teachers)`,
        `${fmt.int(r.inspections)} inspections, ${fmt.int(r.inspectionScores)} scores (${fmt.int(r.corrections)} corrections), ${fmt.int(r.rectifications)} 已整改, ${fmt.int(r.evidence)} evidence in ${fmt.s(supervisionMs)}; the whole region in ${fmt.s(r.ms)}`,
      ),
      row(`scoreSchools 2026 (p50 of ${RUNS}; RSS before / peak)`, `${fmt.ms(yearly!.p50)}; ${memory(yearly!)}`),
      row(`scoreSchools 2026-Q4 (p50 of ${RUNS}; RSS before / peak)`, `${fmt.ms(quarterly!.p50)}; ${memory(quarterly!)}`),
      row(`readBulletin 2026-Q4 (p50 of ${RUNS}; RSS before / peak)`, `${fmt.ms(bulletin!.p50)}; ${memory(bulletin!)}`),
      row(`of 2026: the data formulas' reads (readSchoolFigures, p50 of ${RUNS})`, fmt.ms(figures!.p50)),
      row(
        `of 2026: the supervision reads (inspections, deductions, evidence; p50 of ${RUNS})`,
        fmt.ms(supervision!.p50),
        `one plain SQL statement ${fmt.ms(plain!.p50)} (same points for ${fmt.int(agree)} of ${fmt.int(engine.size)} schools) → ${fmt.ratio(supervision!.p50 / plain!.p50)} ×`,
      ),
    ];
  } finally {
    await ceiling?.close();
    await bench.close();
  }
}

/**
 * The ranking (scoreSchools) and the 季通报 (readBulletin) over a generated year of supervision,
 * a county (30 schools) and a province (3,000 schools, 150,000 teachers): the year 2026 and its
 * fourth quarter; the engine's supervision reads against one plain SQL statement over the same rows.
 */
export const scoringScenario: Scenario = {
  name: 'scoring',
  async run(ctx) {
    return [...(await scale(ctx, 'county')), ...(await scale(ctx, 'province'))];
  },
};
