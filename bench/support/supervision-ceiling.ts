import { readFileSync, writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import postgres from 'postgres';

/**
 * The ceiling for the supervision part of scoreSchools: every school's points on the inspection
 * and evidence sub-items of the framework in force, in one plain SQL statement over the same rows
 * (inspections averaged over the months inspected, deductions in force only; evidence full once
 * accepted), through postgres.js with nothing in between.
 */
export const SUPERVISION_CEILING_SQL = `
  with fw as (select id from frameworks where active order by loaded_at desc, id desc limit 1),
  subs as (
    select fs.code, fs.points, fs.scoring from framework_sub_items fs join fw on fs.framework_id = fw.id
    where fs.scoring in ('inspection', 'evidence')
  ),
  inspected as (select school_id, count(distinct period) as n from inspections where period = any($1) group by school_id),
  lost as (
    select i.school_id, fs.code, sum(fs.points - s.score) as lost
    from inspection_scores s join inspections i on i.id = s.inspection_id join framework_sub_items fs on fs.id = s.sub_item_id
    where i.period = any($1) and s.replaced_at is null and s.score < fs.points
    group by 1, 2
  ),
  accepted as (
    select distinct e.school_id, fs.code from evidence e join framework_sub_items fs on fs.id = e.sub_item_id
    where e.period = any($1) and e.review = 'accepted'
  )
  select sc.id as school_id, sum(
    case when subs.scoring = 'evidence' then (case when a.code is null then 0 else subs.points end)
         when m.n is null then subs.points
         else greatest(0, round(subs.points - coalesce(l.lost, 0) / m.n, 1)) end)::float8 as points
  from schools sc cross join subs
  left join inspected m on m.school_id = sc.id
  left join lost l on l.school_id = sc.id and l.code = subs.code
  left join accepted a on a.school_id = sc.id and a.code = subs.code
  group by sc.id`;

export type Ceiling = { run(months: readonly string[]): Promise<Map<number, number>>; close(): Promise<void> };

/** A postgres.js client of its own on the database, the statement prepared once. */
export function openSupervisionCeiling(url: string): Ceiling {
  const client = postgres(url, { max: 1, onnotice: () => {}, prepare: true });
  return {
    async run(months) {
      // The planner settings scoreSchools reads under (withReportSettings): no JIT, no parallel workers, 64 MB to hash in.
      const rows = await client.begin(async (tx) => {
        await tx.unsafe(`select set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0', true), set_config('work_mem', '64MB', true)`);
        return tx.unsafe<{ school_id: number; points: number }[]>(SUPERVISION_CEILING_SQL, [months as string[]], { prepare: true });
      });
      return new Map(rows.map((r) => [r.school_id, r.points]));
    },
    close: () => client.end(),
  };
}

const kib = (field: 'VmHWM' | 'VmRSS') => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;

setFlagsFromString('--expose-gc');
/** V8's collector, reachable without starting Node with --expose-gc. */
const collectGarbage = runInNewContext('gc') as () => void;

/**
 * Runs `work` and reports the process's RSS before it (garbage collected first, so what is left is
 * live) and its peak meanwhile: the kernel's high-water mark, reset first (Linux: clear_refs 5),
 * so a short spike between samples counts too.
 */
export async function withPeakRss<T>(work: () => Promise<T>): Promise<{ value: T; rssBefore: number; peakRss: number }> {
  collectGarbage();
  const rssBefore = kib('VmRSS');
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // Not resettable here: the peak then covers the whole process's life.
  }
  const value = await work();
  return { value, rssBefore, peakRss: kib('VmHWM') };
}
