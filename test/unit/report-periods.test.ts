import { describe, expect, it } from 'vitest';
import { campaignSchema, type CampaignDefinition } from '../../src/model/campaign-definition.js';
import { defaultCampaigns } from '../../src/domain/campaigns/default-campaigns.js';
import { recentRounds, type ScheduleContext } from '../../src/domain/campaigns/round-schedule.js';
import { OFFICIAL_CALENDAR_DAYS } from '../../src/domain/calendar/official-holidays.js';
import { SchoolCalendar } from '../../src/domain/calendar/school-calendar.js';
import { DEMO_SCHOOL_PERIODS } from '../../src/domain/calendar/demo-school-calendar.js';

// Issue 10, item 8: the half-year summary and the annual report must not both ask a principal
// about July–December in December. The rule is data (the summary has periodsOfYear: [1]); this
// walks whole years through the real schedule code and looks at what each principal owes.

const tz = 'Asia/Shanghai';
const defaults = defaultCampaigns.map((raw) => campaignSchema.parse(raw));
/** Reports look back on a calendar period; plans (月有安排, 学期有计划) look ahead and are not reports. */
const isReport = (c: CampaignDefinition) => c.audience === 'principals' && (c.cadence === 'quarterly' || c.cadence === 'half-year' || c.cadence === 'annual');

/** The months a report's period covers, as [first, last] month indexes (year * 12 + month - 1). */
function covers(period: string): [number, number] {
  const m = /^(\d{4})(?:-(H|Q)(\d))?$/.exec(period);
  if (!m) throw new Error(`not a report period: ${period}`);
  const year = Number(m[1]) * 12;
  if (!m[2]) return [year, year + 11];
  const length = m[2] === 'H' ? 6 : 3;
  const first = year + (Number(m[3]) - 1) * length;
  return [first, first + length - 1];
}

const addDay = (d: Date) => new Date(d.getTime() + 86_400_000);

/**
 * Every day of `from`..`to` at 10:00 and 19:00 local: the rounds of report campaigns that are open
 * (opened, deadline not yet passed), and every pair of them whose periods share a month.
 */
function overlappingReports(campaigns: CampaignDefinition[], ctx: ScheduleContext, from: string, to: string) {
  const reports = campaigns.filter(isReport);
  const clashes = new Set<string>();
  let moments = 0;
  let owedTwoAtOnce = 0;
  for (let day = new Date(`${from}T10:00:00+08:00`); day <= new Date(`${to}T10:00:00+08:00`); day = addDay(day)) {
    for (const now of [day, new Date(day.getTime() + 9 * 3_600_000)]) {
      moments++;
      const owed = reports.flatMap((c) =>
        recentRounds(c, now, ctx)
          .filter((r) => r.opensAt <= now && now < r.dueAt)
          .map((r) => ({ code: c.code, period: r.period })),
      );
      if (owed.length > 1) owedTwoAtOnce++;
      for (const [i, a] of owed.entries()) {
        for (const b of owed.slice(i + 1)) {
          const [a1, a2] = covers(a.period);
          const [b1, b2] = covers(b.period);
          if (a1 <= b2 && b1 <= a2) clashes.add(`${a.code} ${a.period} & ${b.code} ${b.period}`);
        }
      }
    }
  }
  return { clashes: [...clashes], moments, owedTwoAtOnce };
}

const plain: ScheduleContext = { timezone: tz, terms: [] };
/** The demo county's example 2026–27 school year, with the official holidays. */
const onCalendar: ScheduleContext = {
  timezone: tz,
  terms: DEMO_SCHOOL_PERIODS.filter((p) => p.kind === 'term').map((p) => ({ name: p.name, start: p.startsOn })),
  calendar: new SchoolCalendar({
    timezone: tz,
    holidays: OFFICIAL_CALENDAR_DAYS,
    vacations: DEMO_SCHOOL_PERIODS.filter((p) => p.kind === 'vacation').map((p) => ({ name: p.name, start: p.startsOn, end: p.endsOn })),
  }),
};

describe('no principal owes two reports on the same months', () => {
  it.each([
    ['without a school calendar', plain],
    ['on the demo county’s school calendar, deadlines moved off rest days', onCalendar],
  ])('over 2026 and 2027, every day, %s', (_, ctx) => {
    const { clashes, moments } = overlappingReports(defaults, ctx, '2026-01-01', '2027-12-31');
    expect(moments).toBe(730 * 2);
    expect(clashes).toEqual([]);
  });

  it('the walk finds the December clash when the half-year summary also asks for the second half', () => {
    const both = defaults.map((c) => (c.code === 'half-year-summary' ? { ...c, periodsOfYear: undefined } : c));
    const { clashes, owedTwoAtOnce } = overlappingReports(both, plain, '2026-01-01', '2026-12-31');
    expect(clashes).toEqual(['half-year-summary 2026-H2 & annual-report 2026']);
    expect(owedTwoAtOnce).toBeGreaterThan(0);
  });

  it('still asks for each report once a year: the first half in June, the whole year in December', () => {
    const opened = (code: string) => {
      const c = defaults.find((d) => d.code === code)!;
      const seen = new Set<string>();
      for (let day = new Date('2026-01-01T12:00:00+08:00'); day < new Date('2028-01-01T12:00:00+08:00'); day = addDay(day)) {
        for (const r of recentRounds(c, day, plain)) if (r.opensAt.getFullYear() >= 2026) seen.add(r.period);
      }
      return [...seen].sort();
    };
    expect(opened('half-year-summary')).toEqual(['2026-H1', '2027-H1']);
    expect(opened('annual-report')).toEqual(['2026', '2027']);
  });
});
