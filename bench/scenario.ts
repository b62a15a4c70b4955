/**
 * One line of the bench table: a measured figure, and where the issue sets one, its target
 * (and the ceiling measured in the same run that the target is relative to).
 */
export type BenchRow = {
  scenario: string;
  metric: string;
  /** As printed, with its unit, e.g. "1,234 events/s" or "42 ms". */
  value: string;
  /** e.g. "≥ 0.7 × lower ceiling" or "≤ 50 ms"; empty when the row is context. */
  target?: string;
  /** e.g. "HTTP 9,800 req/s, DB 1,700 tps". */
  ceiling?: string;
  /** Whether the target was met; undefined when there is no target. */
  met?: boolean;
};

export type BenchContext = {
  /** Postgres server URL (a fresh database is created per scenario from it). */
  databaseUrl: string;
  log(line: string): void;
};

export type Scenario = { name: string; run(ctx: BenchContext): Promise<BenchRow[]> };
