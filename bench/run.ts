import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import type { BenchRow, Scenario } from './scenario.js';
import { burstScenario } from './scenarios/burst.js';
import { exportScenario } from './scenarios/export.js';
import { fanoutScenario } from './scenarios/fanout.js';
import { footprintScenario } from './scenarios/footprint.js';
import { ingestScenario } from './scenarios/ingest.js';
import { scoringScenario } from './scenarios/scoring.js';
import { summariesScenario } from './scenarios/summaries.js';
import { throughputScenario } from './scenarios/throughput.js';

/**
 * `npm run bench`: every scenario against the Postgres in DATABASE_URL (the CI one by default)
 * and the Lark sandbox, one Markdown table on stdout, and the same in bench/RESULTS.md.
 * `-- --only ingest,fanout` runs some (and leaves RESULTS.md alone).
 */
const scenarios: Record<string, Scenario> = {
  ingest: ingestScenario,
  burst: burstScenario,
  summaries: summariesScenario,
  fanout: fanoutScenario,
  footprint: footprintScenario,
  throughput: throughputScenario,
  export: exportScenario,
  scoring: scoringScenario,
};

const { values } = parseArgs({ options: { only: { type: 'string' } } });
const chosen = values.only ? values.only.split(',').map((s) => s.trim()) : Object.keys(scenarios);
for (const name of chosen) if (!scenarios[name]) throw new Error(`unknown scenario ${name}; known: ${Object.keys(scenarios).join(', ')}`);

// Ducha runs as `npm start` runs it: from the bundle.
execSync('npm run --silent build', { stdio: 'inherit' });

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

const rows: BenchRow[] = [];
const started = Date.now();
for (const name of chosen) {
  log(`▶ ${scenarios[name]!.name}`);
  const t = performance.now();
  rows.push(...(await scenarios[name]!.run({ databaseUrl, log })));
  log(`  done in ${((performance.now() - t) / 1000).toFixed(0)} s`);
}

const table = [
  '| scenario | metric | measured | target | ceiling (same run) | met |',
  '|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.scenario} | ${r.metric} | ${r.value} | ${r.target ?? ''} | ${r.ceiling ?? ''} | ${r.met === undefined ? '' : r.met ? 'yes' : '**no**'} |`),
].join('\n');
process.stdout.write(`${table}\n`);

if (!values.only) {
  const machine = await describeMachine(databaseUrl);
  writeFileSync(
    new URL('./RESULTS.md', import.meta.url),
    [
      '# Bench results',
      '',
      `Measured ${new Date(started).toISOString().slice(0, 16).replace('T', ' ')} UTC with \`npm run bench\` (DATABASE_URL=${redact(databaseUrl)}), in ${Math.round((Date.now() - started) / 1000)} s.`,
      '',
      `Machine: ${machine}. The load generator, the Lark sandbox, Ducha and Postgres share these cores, as in`,
      "`../shared/reference/ceilings.md`; each ceiling was measured in the same run as the figure beside it.",
      '',
      table,
      '',
    ].join('\n'),
  );
  log('wrote bench/RESULTS.md');
}
process.exit(0);

async function describeMachine(url: string): Promise<string> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const [{ server_version: pg }] = (await sql`show server_version`) as unknown as [{ server_version: string }];
  await sql.end();
  const cpu = os.cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL ${pg}`;
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
