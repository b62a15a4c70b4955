import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { REGION_SIZES } from '../../src/cli/generate/synthetic-region.js';
import { generateRegion } from '../../src/cli/generate/write-synthetic-region.js';
import { exportWorkbook } from '../../src/domain/export/export-workbook.js';
import type { BenchContext, BenchRow, Scenario } from '../scenario.js';
import { createBenchDatabase } from '../support/bench-database.js';
import { fmt } from '../support/stats.js';

const SEED = 1;
const TIMEZONE = 'Asia/Shanghai';
/** Lark's limit for an uploaded file: what 导出 in the chat can send. */
const LARK_FILE_BYTES = 30 * 1024 * 1024;

/** Counts what the writer produces and keeps none of it, like a file on a fast disk. */
function countingSink(): { sink: Writable; bytes(): number } {
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done();
    },
  });
  return { sink, bytes: () => bytes };
}

/** One workbook: time to the last byte, its size, and the process's peak RSS meanwhile (sampled every 50 ms). */
async function timeWorkbook(ctx: BenchContext, db: Parameters<typeof exportWorkbook>[0], words: { town?: string }) {
  const { sink, bytes } = countingSink();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = performance.now();
  try {
    const exported = await exportWorkbook(db, { ...words, now: new Date(), timezone: TIMEZONE, asker: { cli: { withNames: true } } }, sink);
    const ms = performance.now() - started;
    const rows = Object.values(exported.rows).reduce((a, b) => a + b, 0);
    ctx.log(`  ${exported.scope}: ${fmt.int(rows)} rows (${JSON.stringify(exported.rows)}) in ${fmt.s(ms)}, ${fmt.mb(bytes())}`);
    return { ms, bytes: bytes(), rows, peakRss: Math.max(peak, process.memoryUsage().rss), rssBefore };
  } finally {
    clearInterval(sampler);
  }
}

/**
 * The 导出 workbook (issue 15) for the generated province (3,000 schools, 150,000 teachers, a year
 * of check-ins, 180,000 students and their visits): the whole province, as the CLI writes it,
 * and one town, as a bureau officer asks in the chat. Run once each: a province takes seconds.
 */
export const exportScenario: Scenario = {
  name: 'export',
  async run(ctx) {
    const bench = await createBenchDatabase(ctx.databaseUrl, 'export_province');
    try {
      ctx.log('generating province with 1 year of rounds in ducha_bench_export_province');
      const report = await generateRegion(bench.db, { size: REGION_SIZES.province, seed: SEED, years: 1, now: new Date(), timezone: TIMEZONE });
      await bench.db.execute(sql`vacuum analyze`);
      const { towns } = report.plan;
      const town = await timeWorkbook(ctx, bench.db, { town: towns[Math.ceil(towns.length / 2) - 1]! });
      const province = await timeWorkbook(ctx, bench.db, {});
      const row = (metric: string, value: string, target?: { text: string; met: boolean }): BenchRow => ({
        scenario: 'export',
        metric,
        value,
        ...(target ? { target: target.text, met: target.met } : {}),
      });
      return [
        row('province workbook (3,000 schools, all seven sheets): rows', fmt.int(province.rows)),
        row('province workbook: time to the last byte', fmt.s(province.ms)),
        row('province workbook: size', fmt.mb(province.bytes), { text: `CLI only above ${fmt.mb(LARK_FILE_BYTES)} (Lark's file limit)`, met: true }),
        row('province workbook: RSS before / peak while writing', `${fmt.mb(province.rssBefore)} / ${fmt.mb(province.peakRss)}`),
        row('one town of the province (3 schools, as 导出 in the chat)', `${fmt.int(town.rows)} rows in ${fmt.ms(town.ms)}, ${fmt.int(Math.round(town.bytes / 1024))} KB`, {
          text: `≤ ${fmt.mb(LARK_FILE_BYTES)}`,
          met: town.bytes <= LARK_FILE_BYTES,
        }),
      ];
    } finally {
      await bench.close();
    }
  },
};
