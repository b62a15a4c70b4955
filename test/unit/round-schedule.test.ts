import { describe, expect, it } from 'vitest';
import { campaignSchema, parseCampaignFile } from '../../src/model/campaign-definition.js';
import { defaultCampaigns } from '../../src/domain/campaigns/default-campaigns.js';
import { latestOpenedRound, reminderInstant, upcomingRounds } from '../../src/domain/campaigns/round-schedule.js';
import { OFFICIAL_CALENDAR_DAYS } from '../../src/domain/calendar/official-holidays.js';
import { SchoolCalendar } from '../../src/domain/calendar/school-calendar.js';
import { formatLocal } from '../../src/domain/time/zoned-time.js';

const tz = 'Asia/Shanghai';
const at = (local: string) => new Date(`${local}+08:00`);
const campaign = (code: string) => campaignSchema.parse(defaultCampaigns.find((c) => (c as { code: string }).code === code));
const calendar = new SchoolCalendar({
  timezone: tz,
  holidays: OFFICIAL_CALENDAR_DAYS,
  vacations: [{ name: '寒假', start: '2027-01-23', end: '2027-02-28' }],
});
const plain = { timezone: tz, terms: [] };
const withCalendar = { timezone: tz, terms: [{ name: '2027-spring', start: '2027-03-01' }], calendar };
const show = (r: { period: string; opensAt: Date; dueAt: Date } | undefined) =>
  r && `${r.period} ${formatLocal(r.opensAt, tz)} → ${formatLocal(r.dueAt, tz)}`;

describe('round schedules from campaign data', () => {
  it('ships every default campaign as valid data', () => {
    expect(parseCampaignFile({ campaigns: defaultCampaigns }).ok).toBe(true);
  });

  it.each([
    ['monthly-monitoring', '2026-12-01T08:59:00', '2026-11 2026-11-01 09:00 → 2026-11-25 18:00'],
    ['monthly-monitoring', '2026-12-01T09:00:00', '2026-12 2026-12-01 09:00 → 2026-12-25 18:00'],
    ['principal-monthly-plan', '2026-12-03T10:00:00', '2026-12 2026-12-01 09:00 → 2026-12-05 18:00'],
    ['half-year-summary', '2026-07-01T10:00:00', '2026-H1 2026-06-15 09:00 → 2026-07-05 18:00'],
    // The second half has no summary round (the annual report covers it): H1 stays the latest.
    ['half-year-summary', '2027-01-02T10:00:00', '2026-H1 2026-06-15 09:00 → 2026-07-05 18:00'],
    ['annual-report', '2027-01-10T10:00:00', '2026 2026-12-01 09:00 → 2026-12-25 18:00'],
  ])('%s at %s: the latest round that has opened is %s', (code, now, expected) => {
    expect(show(latestOpenedRound(campaign(code), at(now), plain))).toBe(expected);
  });

  it('skips the periods of the year a campaign leaves out, also when listing what comes next', () => {
    expect(show(upcomingRounds(campaign('half-year-summary'), at('2026-07-06T10:00:00'), plain)[0])).toBe(
      '2027-H1 2027-06-15 09:00 → 2027-07-05 18:00',
    );
    const secondHalfOnly = { ...campaign('half-year-summary'), periodsOfYear: [2] };
    expect(show(latestOpenedRound(secondHalfOnly, at('2027-07-10T10:00:00'), plain))).toBe('2026-H2 2026-12-15 09:00 → 2027-01-05 18:00');
    const quarters = { ...campaignSchema.parse({ ...(defaultCampaigns[3] as object), cadence: 'quarterly', opens: { month: 3, day: 20, time: '09:00' }, due: { month: 4, day: 5, time: '18:00' } }), periodsOfYear: [2, 4] };
    expect(upcomingRounds(quarters, at('2027-01-01T10:00:00'), plain, 3).map((r) => r.period)).toEqual(['2027-Q2', '2027-Q4', '2028-Q2']);
  });

  it('opens at the next window opening and moves a rest-day deadline to the next workday', () => {
    // 2027-01-01..03 is New Year: January's round opens Monday 2027-01-04 at 08:00.
    expect(show(upcomingRounds(campaign('monthly-monitoring'), at('2026-12-20T10:00:00'), withCalendar)[0])).toBe(
      '2027-01 2027-01-04 08:00 → 2027-01-25 18:00',
    );
    // 2027-12-25 is a Saturday: the annual report falls due on Monday the 27th.
    expect(show(upcomingRounds(campaign('annual-report'), at('2027-06-01T10:00:00'), withCalendar)[0])).toBe(
      '2027 2027-12-01 09:00 → 2027-12-27 18:00',
    );
  });

  it('counts a semester campaign from the term start and skips rounds opening in a vacation when it pauses', () => {
    expect(show(latestOpenedRound(campaign('semester-plan'), at('2027-03-02T10:00:00'), withCalendar))).toBe(
      '2027-spring 2027-03-01 09:00 → 2027-03-29 18:00',
    );
    const pausing = { ...campaign('principal-monthly-plan'), pausesInVacation: true };
    // February 2027's round would open in the winter vacation: it is skipped, January's stays current.
    expect(latestOpenedRound(pausing, at('2027-02-10T10:00:00'), withCalendar)?.period).toBe('2027-01');
  });

  it('moves a before-deadline reminder that falls on a rest day back to 09:00 of the latest workday', () => {
    // Due Monday 2027-01-25 18:00; three days before is Friday 22nd, in the window: unchanged.
    const due = at('2027-01-25T18:00:00');
    expect(formatLocal(reminderInstant(due, { daysBefore: 3, time: '09:00' }, withCalendar), tz)).toBe('2027-01-22 09:00');
    // One day before is Sunday: back to Friday 09:00.
    expect(formatLocal(reminderInstant(due, { daysBefore: 1, time: '09:00' }, withCalendar), tz)).toBe('2027-01-22 09:00');
  });

  it('rejects a bad campaign file naming the JSON path of each bad value', () => {
    const bad = structuredClone(defaultCampaigns) as Record<string, any>[];
    bad[0]!.due.day = 32;
    bad[1]!.form.fields[0].type = 'number';
    bad[2]!.code = 'Semester Plan';
    const result = parseCampaignFile({ campaigns: bad });
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems.join('\n');
    expect(problems).toContain('campaigns[0].due.day');
    expect(problems).toContain('campaigns[1].form.fields[0].type');
    expect(problems).toContain('campaigns[2].code');
  });

  it.each([
    [{ cadence: 'half-year', periodsOfYear: [3] }, 'campaigns[0].periodsOfYear[0]: half-year 事项一年只有第 1 到第 2 期，没有第 3 期'],
    [{ cadence: 'quarterly', periodsOfYear: [0, 2] }, 'campaigns[0].periodsOfYear[0]: quarterly 事项一年只有第 1 到第 4 期，没有第 0 期'],
    [{ cadence: 'quarterly', periodsOfYear: [2, 2] }, 'campaigns[0].periodsOfYear[1]: 第 2 期写了两次'],
    [{ cadence: 'annual', periodsOfYear: [2] }, 'campaigns[0].periodsOfYear[0]: annual 事项一年只有第 1 到第 1 期，没有第 2 期'],
    [{ cadence: 'half-year', periodsOfYear: [] }, 'campaigns[0].periodsOfYear'],
    [{ cadence: 'half-year', periodsOfYear: ['H1'] }, 'campaigns[0].periodsOfYear[0]'],
  ])('refuses periodsOfYear %j, saying why', (change, problem) => {
    const summary = { ...(defaultCampaigns.find((c) => (c as { code: string }).code === 'half-year-summary') as object), ...change };
    const result = parseCampaignFile({ campaigns: [summary] });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems).toEqual([expect.stringContaining(problem)]);
  });
});
