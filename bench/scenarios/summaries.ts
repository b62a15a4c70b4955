import { sql } from 'drizzle-orm';
import { buildSummaryCard } from '../../src/lark/cards/summary-card.js';
import { REGION_SIZES, type RegionScale } from '../../src/cli/generate/synthetic-region.js';
import { generateRegion, type GenerateReport } from '../../src/cli/generate/write-synthetic-region.js';
import { buildBureauSummary } from '../../src/domain/summary/build-bureau-summary.js';
import type { BenchContext, BenchRow, Scenario } from '../scenario.js';
import { createBenchDatabase, type BenchDatabase } from '../support/bench-database.js';
import { fmt, median } from '../support/stats.js';

const WARM_UP = 5;
const RUNS = 20;
const SEED = 1;
const TIMEZONE = 'Asia/Shanghai';
const LARK_CARD_BYTES = 30 * 1024;

type Selection = { label: string; input: { town?: string; school?: string; period?: string } };
type Generated = { bench: BenchDatabase; report: Awaited<ReturnType<typeof generateRegion>> };

/** A fresh database with a generated region, vacuumed and analysed as autovacuum would leave it. */
async function generated(ctx: BenchContext, name: string, scale: RegionScale, years: number): Promise<Generated> {
  const bench = await createBenchDatabase(ctx.databaseUrl, name);
  try {
    ctx.log(`generating ${scale} with ${years} year(s) of rounds in ducha_bench_${name}`);
    const report = await generateRegion(bench.db, { size: REGION_SIZES[scale], seed: SEED, years, now: new Date(), timezone: TIMEZONE });
    await bench.db.execute(sql`vacuum analyze`);
    ctx.log(`  ${fmt.int(report.responses)} check-ins in ${fmt.s(report.ms)}`);
    return { bench, report };
  } catch (error) {
    await bench.close();
    throw error;
  }
}

/** A town in the middle of the list and its first school: the bureau officer's `汇总 X`. */
function selections(g: Generated): Selection[] {
  const { towns, schools } = g.report.plan;
  const townOrdinal = Math.ceil(towns.length / 2);
  const school = schools.find((s) => s.townOrdinal === townOrdinal)!;
  return [
    { label: 'one school', input: { town: towns[townOrdinal - 1]!, school: school.name } },
    { label: 'one town', input: { town: towns[townOrdinal - 1]! } },
    { label: 'everything', input: {} },
  ];
}

/** The quarter `now` falls in, as `汇总 2026Q4` names it: three monthly rounds summed. */
function currentQuarter(now: Date): string {
  const local = new Date(now.getTime() + 8 * 3600_000);
  return `${local.getUTCFullYear()}-Q${Math.floor(local.getUTCMonth() / 3) + 1}`;
}

/** Time to the card: the domain verb plus the card's JSON, as the 汇总 command sends it; and the card's part alone. */
async function timeToCard(g: Generated, selection: Selection): Promise<{ ms: number; cardMs: number; bytes: number }> {
  const started = performance.now();
  const summary = await buildBureauSummary(g.bench.db, { now: new Date(), ...selection.input });
  const built = performance.now();
  const content = JSON.stringify(buildSummaryCard(summary, TIMEZONE));
  const done = performance.now();
  return { ms: done - started, cardMs: done - built, bytes: Buffer.byteLength(content, 'utf8') };
}

/**
 * p50 of each (database, selection) after a warm-up, the runs interleaved round-robin so that
 * noise from the shared machine falls on every case alike.
 */
async function measure(cases: { g: Generated; selection: Selection }[]): Promise<{ p50: number; cardP50: number; bytes: number }[]> {
  const samples = cases.map(() => [] as number[]);
  const cardSamples = cases.map(() => [] as number[]);
  const bytes = cases.map(() => 0);
  for (let i = 0; i < WARM_UP + RUNS; i++) {
    for (const [k, c] of cases.entries()) {
      const t = await timeToCard(c.g, c.selection);
      if (i >= WARM_UP) {
        samples[k]!.push(t.ms);
        cardSamples[k]!.push(t.cardMs);
      }
      bytes[k] = t.bytes;
    }
  }
  return cases.map((_, k) => ({ p50: median(samples[k]!), cardP50: median(cardSamples[k]!), bytes: bytes[k]! }));
}

function generationRow(label: string, r: GenerateReport): BenchRow {
  return {
    scenario: 'summaries',
    metric: `generate ${label}: ${fmt.int(r.schools)} schools, ${fmt.int(r.teachers)} teachers, ${r.rounds} rounds`,
    value: `${fmt.int(r.responses)} check-ins in ${fmt.s(r.ms)} (${fmt.int(r.responsesPerSecond)}/s)`,
  };
}

/**
 * Scenario 3: time to the summary card for one school, one town, a county (30 schools, 1,000
 * teachers) and a province (3,000 schools, 150,000 teachers), and the province with 1 vs 3
 * years of monthly check-ins (two generated databases; the same seed gives the last year the
 * same rows in both). Visits and cases have no tables yet: the history is the monthly check-ins.
 */
export const summariesScenario: Scenario = {
  name: 'summaries',
  async run(ctx) {
    const rows: BenchRow[] = [];
    const row = (metric: string, value: string, target?: { text: string; met: boolean }): BenchRow => ({
      scenario: 'summaries',
      metric,
      value,
      ...(target ? { target: target.text, met: target.met } : {}),
    });

    const county = await generated(ctx, 'summaries_county', 'county', 3);
    try {
      rows.push(generationRow('county, 3 years', county.report));
      const cases = selections(county).map((selection) => ({ g: county, selection }));
      const [school, town, whole] = await measure(cases);
      rows.push(row(`county: one school (p50 of ${RUNS})`, fmt.ms(school!.p50)));
      rows.push(row(`county: one town (p50 of ${RUNS})`, fmt.ms(town!.p50)));
      rows.push(row(`county: all 30 schools (p50 of ${RUNS})`, fmt.ms(whole!.p50), { text: '≤ 50 ms', met: whole!.p50 <= 50 }));
    } finally {
      await county.bench.close();
    }

    const province = await generated(ctx, 'summaries_province', 'province', 3);
    try {
      rows.push(generationRow('province, 3 years', province.report));
      const oneYear = await generated(ctx, 'summaries_province_1y', 'province', 1);
      try {
        rows.push(generationRow('province, 1 year', oneYear.report));
        const [school, town, whole] = selections(province);
        const quarter: Selection = { label: 'a quarter', input: { period: currentQuarter(new Date()) } };
        const [pSchool, pTown, pWhole, pWhole1y, pQuarter] = await measure([
          { g: province, selection: school! },
          { g: province, selection: town! },
          { g: province, selection: whole! },
          { g: oneYear, selection: whole! },
          { g: province, selection: quarter },
        ]);
        rows.push(row(`province: one school (p50 of ${RUNS})`, fmt.ms(pSchool!.p50)));
        rows.push(row(`province: one town (p50 of ${RUNS})`, fmt.ms(pTown!.p50)));
        rows.push(row(`province: all 3,000 schools, 3 years of history (p50 of ${RUNS})`, fmt.ms(pWhole!.p50), { text: '≤ 500 ms', met: pWhole!.p50 <= 500 }));
        rows.push(row(`province: all 3,000 schools, 1 year of history (p50 of ${RUNS})`, fmt.ms(pWhole1y!.p50)));
        rows.push(row(`province: all 3,000 schools, ${quarter.input.period} (3 rounds summed; p50 of ${RUNS})`, fmt.ms(pQuarter!.p50)));
        rows.push(row(`province: the largest card's build (first page of 150, charts; buildSummaryCard alone, p50 of ${RUNS})`, fmt.ms(pWhole!.cardP50)));
        const ratio = pWhole!.p50 / pWhole1y!.p50;
        rows.push(row('province: 3 years ÷ 1 year of history', fmt.ratio(ratio), { text: '≤ 1.3', met: ratio <= 1.3 }));
        rows.push(
          row('province: card size (first page: totals, charts, worst/best, towns cut to fit, 20 schools)', `${fmt.int(pWhole!.bytes)} bytes`, {
            text: `≤ ${fmt.int(LARK_CARD_BYTES)} bytes (Lark)`,
            met: pWhole!.bytes <= LARK_CARD_BYTES,
          }),
        );
      } finally {
        await oneYear.bench.close();
      }
    } finally {
      await province.bench.close();
    }
    return rows;
  },
};
