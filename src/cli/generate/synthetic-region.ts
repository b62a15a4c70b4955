import { localParts, parseClockTime, zonedInstant } from '../../domain/time/zoned-time.js';
import { seededRandom } from './seeded-random.js';

/**
 * A deterministic synthetic roster for load tests and benches: towns, schools (with chat ids and
 * teacher counts), and the monthly campaign's rounds. Pure: the same input gives the same plan.
 * People and answers are expanded from it in SQL (see write-synthetic-region.ts).
 */

export type RegionSize = {
  /** Groups of towns; more than one prefixes town names with the county's name (a province). */
  counties: number;
  townsPerCounty: number;
  schoolsPerTown: number;
  teachers: number;
};

export const REGION_SIZES = {
  /** ~A real county: 30 schools in 10 towns, 1,000 teachers. */
  county: { counties: 1, townsPerCounty: 10, schoolsPerTown: 3, teachers: 1_000 },
  /** ~100 counties: 3,000 schools in 1,000 towns, 150,000 teachers. */
  province: { counties: 100, townsPerCounty: 10, schoolsPerTown: 3, teachers: 150_000 },
  /** For tests: 2 towns, 6 schools, 40 teachers. */
  tiny: { counties: 1, townsPerCounty: 2, schoolsPerTown: 3, teachers: 40 },
} as const satisfies Record<string, RegionSize>;
export type RegionScale = keyof typeof REGION_SIZES;

export type PlannedSchool = {
  /** 1-based, in insertion order: ids of a fresh database. */
  ordinal: number;
  townOrdinal: number;
  name: string;
  chatId: string;
  teachers: number;
  /** Permille of its teachers who answer a round: most schools complete, some lag. */
  answerPermille: number;
  /** How it fares under 月督查 and the evidence review (synthetic-supervision.ts): most steady, a few lagging. */
  standing: SupervisionStanding;
};
export type SupervisionStanding = 'steady' | 'slipping' | 'lagging';
export type PlannedRound = { period: string; opensAt: Date; dueAt: Date };
export type RegionPlan = {
  seed: number;
  towns: string[];
  schools: PlannedSchool[];
  rounds: PlannedRound[];
  teachers: number;
  bureauChatId: string;
};

export type MonthlySchedule = { opens: { day: number; time: string }; due: { day: number; time: string } };

const SYLLABLES = '清河石桥东坡西岭南山北塬新安永宁太平长乐和顺兴隆福源金川青龙白水红旗柳林杨庄马坊高店李家王村'.split('');
const TOWN_SUFFIXES = ['镇', '镇', '镇', '乡', '街道'];
const SCHOOL_KINDS = ['中心小学', '初级中学', '第二小学', '第三小学', '九年制学校', '第二中学'];

/** Unique two-character names drawn from the syllables, in a seeded order. */
function uniqueNames(count: number, random: () => number, taken: Set<string>): string[] {
  const out: string[] = [];
  let guard = 0;
  while (out.length < count) {
    const a = SYLLABLES[Math.floor(random() * SYLLABLES.length)]!;
    const b = SYLLABLES[Math.floor(random() * SYLLABLES.length)]!;
    const name = a + b;
    if (a !== b && !taken.has(name)) {
      taken.add(name);
      out.push(name);
    } else if (++guard > count * 1000) {
      throw new Error(`cannot draw ${count} unique names`);
    }
  }
  return out;
}

/** Splits `total` over `weights` proportionally (largest remainder), each at least `min`. */
export function apportion(total: number, weights: number[], min: number): number[] {
  const spare = total - min * weights.length;
  if (spare < 0) throw new Error(`${total} teachers cannot give ${weights.length} schools ${min} each`);
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * spare);
  const counts = exact.map((x) => Math.floor(x));
  let left = spare - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((p, q) => q[0] - p[0] || p[1] - q[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    counts[i]! += 1;
  }
  return counts.map((c) => c + min);
}

/** The monthly rounds of the `years` × 12 months up to the latest one opened by `now`, oldest first. */
export function planMonthlyRounds(schedule: MonthlySchedule, now: Date, years: number, timezone: string): PlannedRound[] {
  const local = localParts(now, timezone);
  const at = (monthIndex: number, day: number, time: string) =>
    zonedInstant(timezone, { year: Math.floor(monthIndex / 12), month: (monthIndex % 12) + 1, day, ...parseClockTime(time) });
  let last = local.year * 12 + local.month - 1;
  if (at(last, schedule.opens.day, schedule.opens.time).getTime() > now.getTime()) last -= 1;
  const rounds: PlannedRound[] = [];
  for (let m = last - years * 12 + 1; m <= last; m++) {
    rounds.push({
      period: `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`,
      opensAt: at(m, schedule.opens.day, schedule.opens.time),
      dueAt: at(m, schedule.due.day, schedule.due.time),
    });
  }
  return rounds;
}

/**
 * A school that lags on check-ins is likelier to lag under inspection too: about 67% steady, 25%
 * slipping and 8% lagging overall, most of the lagging among the 15% that answer least.
 */
function standingOf(answerPermille: number, r: number): SupervisionStanding {
  const [lagging, slipping] = answerPermille === 1000 ? [0.02, 0.15] : answerPermille === 950 ? [0.08, 0.48] : [0.35, 0.8];
  return r < lagging ? 'lagging' : r < slipping ? 'slipping' : 'steady';
}

export function planSyntheticRegion(input: {
  size: RegionSize;
  seed: number;
  years: number;
  now: Date;
  timezone: string;
  schedule: MonthlySchedule;
}): RegionPlan {
  const { size, seed } = input;
  const random = seededRandom(seed);
  const taken = new Set<string>();
  const countyNames = size.counties > 1 ? uniqueNames(size.counties, random, taken).map((n) => `${n}县`) : [''];
  const towns: string[] = [];
  // Two-character names, unique across the region: schools are named after them, not the county.
  const townBases: string[] = [];
  for (const county of countyNames) {
    for (const name of uniqueNames(size.townsPerCounty, random, taken)) {
      towns.push(`${county}${name}${TOWN_SUFFIXES[Math.floor(random() * TOWN_SUFFIXES.length)]}`);
      townBases.push(name);
    }
  }
  const schoolCount = towns.length * size.schoolsPerTown;
  // Village schools are small, town centres large: weights spread about 1:4.
  const weights = Array.from({ length: schoolCount }, () => 0.4 + 1.6 * random());
  const teacherCounts = apportion(size.teachers, weights, Math.min(3, Math.floor(size.teachers / schoolCount)));
  const schools: PlannedSchool[] = [];
  // A second stream, so that adding the standing left every earlier draw (names, sizes) as it was.
  const fate = seededRandom(seed ^ 0x5eed);
  towns.forEach((_town, t) => {
    const short = townBases[t]!;
    for (let k = 0; k < size.schoolsPerTown; k++) {
      const ordinal = schools.length + 1;
      const r = random();
      const answerPermille = r < 0.6 ? 1000 : r < 0.85 ? 950 : 800;
      schools.push({
        ordinal,
        townOrdinal: t + 1,
        name: `${short}${SCHOOL_KINDS[k % SCHOOL_KINDS.length]}${k >= SCHOOL_KINDS.length ? Math.floor(k / SCHOOL_KINDS.length) + 1 : ''}`,
        chatId: `oc_gen_school_${String(ordinal).padStart(5, '0')}`,
        teachers: teacherCounts[ordinal - 1]!,
        answerPermille,
        standing: standingOf(answerPermille, fate()),
      });
    }
  });
  return {
    seed,
    towns,
    schools,
    rounds: planMonthlyRounds(input.schedule, input.now, input.years, input.timezone),
    teachers: size.teachers,
    bureauChatId: 'oc_gen_bureau',
  };
}
