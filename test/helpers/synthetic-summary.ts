import type { Campaign } from '../../src/db/queries/campaigns.js';
import { seededRandom } from '../../src/cli/generate/seeded-random.js';
import { planSyntheticRegion, REGION_SIZES } from '../../src/cli/generate/synthetic-region.js';
import type { BureauSummary, SchoolLine, Totals, TownBlock } from '../../src/domain/summary/build-bureau-summary.js';
import { addChildCounts, emptyChildCounts, type ChildCounts } from '../../src/domain/summary/children-counts.js';
import { studentCategories } from '../../src/db/schema/students.js';

export const MONTHLY_COLUMNS = [
  { name: 'home_visits', label: '走访户数' },
  { name: 'phone_followups', label: '电话随访户数' },
  { name: 'new_alerts', label: '新增预警人数' },
];
const NOW = new Date('2026-11-29T14:50:00Z');

/**
 * A BureauSummary in memory for a generated region's roster, with seeded answers: the teachers'
 * monthly check-in, or 月有安排 (one principal per school, some late, some not filed).
 */
export function syntheticSummary(scale: keyof typeof REGION_SIZES, pastDue: boolean, audience: 'teachers' | 'principals' = 'teachers'): BureauSummary {
  const plan = planSyntheticRegion({
    size: REGION_SIZES[scale],
    seed: 3,
    years: 1,
    now: NOW,
    timezone: 'Asia/Shanghai',
    schedule: { opens: { day: 1, time: '09:00' }, due: { day: 25, time: '18:00' } },
  });
  const random = seededRandom(11);
  const columns = audience === 'teachers' ? MONTHLY_COLUMNS : [];
  const empty = (): Totals => ({ expected: 0, answered: 0, late: 0, sums: Object.fromEntries(columns.map((c) => [c.name, 0])) });
  const add = (to: Totals, t: Totals) => {
    to.expected += t.expected;
    to.answered += t.answered;
    to.late += t.late;
    for (const c of columns) to.sums[c.name]! += t.sums[c.name]!;
  };
  // The teachers' card carries the children's numbers: every school has some, so each line is as long as it gets.
  const withChildren = audience === 'teachers';
  const towns: TownBlock[] = plan.towns.map((name) => ({ name, schools: [], totals: empty(), ...(withChildren ? { children: emptyChildCounts() } : {}) }));
  const totals = empty();
  const previous = empty();
  const childTotals = emptyChildCounts();
  const someChildren = (): ChildCounts => {
    const c = emptyChildCounts();
    for (const category of studentCategories) c.byCategory[category] = Math.floor(random() * 40);
    c.listed = Math.max(...Object.values(c.byCategory)) + Math.floor(random() * 20);
    c.visits = { home: Math.floor(random() * 60), phone: Math.floor(random() * 60), video: Math.floor(random() * 10) };
    c.alert = Math.floor(random() * 5);
    c.watch = Math.floor(random() * 15);
    c.unvisited = Math.floor(random() * c.listed);
    return c;
  };
  for (const s of plan.schools) {
    const expected = audience === 'teachers' ? s.teachers : 1;
    const answered = random() < 0.6 ? expected : Math.floor(expected * random());
    const late = audience === 'principals' && answered > 0 && random() < 0.3 ? 1 : 0;
    const complete = answered >= expected;
    const town = towns[s.townOrdinal - 1]!;
    const sums: Record<string, number> =
      audience === 'teachers' ? { home_visits: answered * 3, phone_followups: answered * 2, new_alerts: Math.floor(answered / 10) } : {};
    const line: SchoolLine = {
      townId: s.townOrdinal,
      town: town.name,
      schoolId: s.ordinal,
      school: s.name,
      expected,
      answered,
      late,
      sums,
      complete,
      lagging: pastDue && !complete,
    };
    // Every line as long as it gets: a change against last month, and (teachers) its principal's report.
    line.previous = { expected, answered: Math.floor(expected * random()), late: 0, sums: Object.fromEntries(columns.map((c) => [c.name, 0])) };
    if (withChildren) line.reports = { expected: 1, answered: random() < 0.7 ? 1 : 0, late: 0 };
    if (withChildren) {
      line.children = someChildren();
      line.children.newAlerts = Math.floor(random() * 4);
      addChildCounts(town.children!, line.children);
      addChildCounts(childTotals, line.children);
    }
    town.schools.push(line);
    add(town.totals, line);
    add(totals, line);
    add((town.previous ??= empty()), line.previous);
    add(previous, line.previous);
  }
  const campaign =
    audience === 'teachers'
      ? { id: 1, code: 'monthly-monitoring', title: '常态化动态预警监测', audience: 'teachers', active: true }
      : { id: 2, code: 'principal-monthly-plan', title: '月有安排', audience: 'principals', active: true };
  return {
    campaign: campaign as unknown as Campaign,
    columns,
    period: '2026-11',
    rounds: 1,
    query: { campaign: campaign.code, period: '2026-11' },
    // Six months, as the trend chart draws them.
    trend: ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'].map((period, i) => ({
      period,
      expected: totals.expected,
      answered: Math.round(totals.answered * (0.7 + i * 0.05)),
      late: Math.round(totals.answered * 0.05),
    })),
    previous: { period: '2026-10', totals: previous },
    ...(withChildren ? { reports: { titles: ['月有安排'], totals: { expected: plan.schools.length, answered: Math.floor(plan.schools.length * 0.7), late: 0 } } } : {}),
    dueAt: new Date('2026-11-25T10:00:00Z'),
    pastDue,
    town: undefined,
    school: undefined,
    towns,
    totals,
    ...(withChildren ? { children: { month: '2026-11', totals: childTotals } } : {}),
  };
}
