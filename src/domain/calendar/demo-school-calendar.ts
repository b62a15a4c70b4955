import type { Db } from '../../db/database.js';
import { addSchoolPeriod, listSchoolPeriods } from '../../db/queries/calendar.js';

export type SchoolPeriod = { kind: 'term' | 'vacation'; name: string; startsOn: string; endsOn: string };

/**
 * An example 2026–27 school year for a rural Shaanxi county, shipped with the demo county so that
 * 学期有计划 opens and the monthly rounds pause in 寒暑假. Every name says 示例: the county replaces
 * it with its own 校历 (`calendar remove-period NAME`, then `calendar add-term` / `add-vacation`).
 * The autumn term starts on 09-01; the winter vacation spans Spring Festival (2027-02-06) and
 * ends on the Sunday before the spring term; the summer vacation runs July–August.
 */
export const DEMO_SCHOOL_PERIODS: readonly SchoolPeriod[] = [
  { kind: 'term', name: '2026秋季学期(示例)', startsOn: '2026-09-01', endsOn: '2027-01-22' },
  { kind: 'vacation', name: '2027寒假(示例)', startsOn: '2027-01-23', endsOn: '2027-02-21' },
  { kind: 'term', name: '2027春季学期(示例)', startsOn: '2027-02-22', endsOn: '2027-07-02' },
  { kind: 'vacation', name: '2027暑假(示例)', startsOn: '2027-07-03', endsOn: '2027-08-31' },
];

/** Stores the example school year unless the county already has terms or vacations; returns how many periods were added. */
export async function seedDemoSchoolCalendar(db: Db): Promise<number> {
  if ((await listSchoolPeriods(db)).length > 0) return 0;
  for (const p of DEMO_SCHOOL_PERIODS) await addSchoolPeriod(db, p);
  return DEMO_SCHOOL_PERIODS.length;
}
