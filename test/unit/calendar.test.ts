import { describe, it, expect } from 'vitest';
import { OFFICIAL_CALENDAR_DAYS, OFFICIAL_YEARS } from '../../src/domain/calendar/official-holidays.js';
import { DEFAULT_SENDING_WINDOW, SchoolCalendar } from '../../src/domain/calendar/school-calendar.js';
import { addDays, isWeekend, weekdayOf } from '../../src/domain/calendar/local-date.js';
import type { CalendarDay } from '../../src/domain/calendar/types.js';
import { formatLocal } from '../../src/domain/time/zoned-time.js';

const SH = 'Asia/Shanghai';
const vacations = [
  { name: '寒假', start: '2026-01-24', end: '2026-03-01' },
  { name: '暑假', start: '2026-07-11', end: '2026-08-31' },
];
const cal = new SchoolCalendar({ timezone: SH, holidays: OFFICIAL_CALENDAR_DAYS, vacations });

/** A wall time in the zone, `YYYY-MM-DD HH:mm`, as an instant (UTC+8 has no DST). */
const sh = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`);
const show = (d: Date, tz = SH) => formatLocal(d, tz);

describe('official data', () => {
  it('has one entry per date, sorted, for 2025–2027 only', () => {
    const dates = OFFICIAL_CALENDAR_DAYS.map((d) => d.date);
    expect(new Set(dates).size).toBe(dates.length);
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates.map((d) => Number(d.slice(0, 4))))).toEqual(new Set(OFFICIAL_YEARS));
  });

  it('puts every make-up workday on a weekend, as the notices do', () => {
    for (const d of OFFICIAL_CALENDAR_DAYS.filter((x) => x.kind === 'workday')) expect(isWeekend(d.date), d.date).toBe(true);
  });

  it.each([
    [2025, 28, ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']],
    [2026, 33, ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']],
  ])('%i: %i days off and the notice\'s make-up workdays', (year, off, work) => {
    const days = cal.listDays(year);
    expect(days.filter((d) => d.kind === 'holiday')).toHaveLength(off);
    expect(days.filter((d) => d.kind === 'workday').map((d) => d.date)).toEqual(work);
    expect(days.every((d) => !d.provisional)).toBe(true);
  });

  it('marks every 2027 entry provisional, with 春节 covering 除夕 (02-05) to 初三 (02-08)', () => {
    const days = cal.listDays(2027);
    expect(days.length).toBeGreaterThan(20);
    expect(days.every((d) => d.provisional)).toBe(true);
    for (const d of ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']) expect(cal.isWorkday(d), d).toBe(false);
    // The make-up days balance the weekdays taken: 9 days off hold 6 weekdays, 4 of them statutory.
    expect(days.filter((d) => d.name === '春节' && d.kind === 'workday')).toHaveLength(2);
  });

  it('lists a day with its weekday for the CLI', () => {
    expect(cal.listDays(2026)[0]).toEqual({ date: '2026-01-01', weekday: '周四', kind: 'holiday', name: '元旦', provisional: false });
    expect(cal.listDays(2026).find((d) => d.date === '2026-02-14')).toMatchObject({ weekday: '周六', kind: 'workday', name: '春节' });
  });
});

describe('isWorkday', () => {
  it.each([
    ['2026-02-14', 'Sat, 春节 make-up', true],
    ['2026-02-15', 'Sun, 春节', false],
    ['2026-02-16', 'Mon, 春节', false],
    ['2026-02-23', 'Mon, last day of 春节', false],
    ['2026-02-24', 'Tue after 春节', true],
    ['2026-02-28', 'Sat, 春节 make-up', true],
    ['2026-01-04', 'Sun, 元旦 make-up', true],
    ['2026-05-09', 'Sat, 劳动节 make-up', true],
    ['2026-09-20', 'Sun, 国庆 make-up', true],
    ['2026-10-01', 'Thu, 国庆', false],
    ['2026-10-07', 'Wed, last day of 国庆', false],
    ['2026-10-08', 'Thu after 国庆 (the notice ends on 10-07)', true],
    ['2026-10-10', 'Sat, 国庆 make-up', true],
    ['2026-10-11', 'plain Sunday', false],
    ['2026-03-11', 'plain Wednesday', true],
    ['2026-03-14', 'plain Saturday', false],
    ['2025-10-08', 'Wed, last day of 国庆+中秋 2025', false],
    ['2025-10-11', 'Sat, 2025 make-up', true],
    ['2024-12-31', 'a Tuesday before the data starts', true],
  ])('%s (%s) → %s', (date, _label, expected) => {
    expect(cal.isWorkday(date)).toBe(expected);
  });
});

describe('the sending window', () => {
  it('is 08:00–12:00 and 14:30–18:00 by default', () => {
    expect(DEFAULT_SENDING_WINDOW.periods).toEqual([{ from: '08:00', to: '12:00' }, { from: '14:30', to: '18:00' }]);
  });

  it.each([
    ['2026-03-11 07:59', false],
    ['2026-03-11 08:00', true],
    ['2026-03-11 11:59', true],
    ['2026-03-11 12:00', false],
    ['2026-03-11 14:29', false],
    ['2026-03-11 14:30', true],
    ['2026-03-11 17:59', true],
    ['2026-03-11 18:00', false],
    ['2026-03-14 10:00', false], // Saturday
    ['2026-02-14 10:00', true], // make-up Saturday
    ['2026-02-16 10:00', false], // 春节 Monday
  ])('%s in window: %s', (local, expected) => {
    expect(cal.isInSendingWindow(sh(local))).toBe(expected);
  });

  it('counts seconds: 11:59:59 is in, 07:59:59 is out', () => {
    expect(cal.isInSendingWindow(new Date('2026-03-11T11:59:59+08:00'))).toBe(true);
    expect(cal.isInSendingWindow(new Date('2026-03-11T07:59:59+08:00'))).toBe(false);
    expect(show(cal.nextWindowOpening(new Date('2026-03-11T07:59:59+08:00')))).toBe('2026-03-11 08:00');
  });

  it.each([
    ['2026-03-11 07:59', '2026-03-11 08:00', 'before the morning opening'],
    ['2026-03-11 00:00', '2026-03-11 08:00', 'midnight'],
    ['2026-03-11 12:00', '2026-03-11 14:30', 'the midday rest starts at 12:00'],
    ['2026-03-11 13:15', '2026-03-11 14:30', 'midday rest'],
    ['2026-03-11 18:00', '2026-03-12 08:00', 'the window closes at 18:00'],
    ['2026-03-11 23:59', '2026-03-12 08:00', 'late night'],
    ['2026-03-13 18:30', '2026-03-16 08:00', 'Friday evening → Monday'],
    ['2026-03-14 09:00', '2026-03-16 08:00', 'Saturday'],
    ['2026-09-30 18:30', '2026-10-08 08:00', 'eve of 国庆 → Thursday 10-08, the first workday after 10-01..10-07'],
    ['2026-10-03 10:00', '2026-10-08 08:00', 'inside 国庆'],
    ['2026-02-13 18:30', '2026-02-14 08:00', 'Friday before 春节 → the make-up Saturday'],
    ['2026-02-14 18:30', '2026-02-24 08:00', 'make-up Saturday evening → Tuesday after 春节'],
    ['2026-09-19 12:00', '2026-09-20 08:00', 'Saturday → the make-up Sunday'],
    ['2025-12-31 18:00', '2026-01-04 08:00', 'New Year\'s Eve → the make-up Sunday'],
    ['2026-10-09 18:00', '2026-10-10 08:00', 'Friday → the make-up Saturday'],
  ])('%s → %s (%s)', (local, expected) => {
    expect(show(cal.nextWindowOpening(sh(local)))).toBe(expected);
  });

  it('returns the very instant when already inside the window', () => {
    const t = new Date('2026-03-11T09:17:42.123+08:00');
    expect(cal.nextWindowOpening(t)).toBe(t);
    expect(cal.sendTimeFor(t, 'next-window')).toBe(t);
  });

  it('honours a configured window', () => {
    const narrow = new SchoolCalendar({ timezone: SH, holidays: OFFICIAL_CALENDAR_DAYS, window: { periods: [{ from: '09:30', to: '11:00' }] } });
    expect(narrow.isInSendingWindow(sh('2026-03-11 08:30'))).toBe(false);
    expect(show(narrow.nextWindowOpening(sh('2026-03-11 08:30')))).toBe('2026-03-11 09:30');
    expect(show(narrow.nextWindowOpening(sh('2026-03-11 11:00')))).toBe('2026-03-12 09:30');
  });
});

describe('deadlines', () => {
  it.each([
    ['2026-10-03 18:00', '2026-10-08 18:00', '国庆 Saturday → Thursday after'],
    ['2026-03-15 18:00', '2026-03-16 18:00', 'Sunday → Monday'],
    ['2026-02-21 12:00', '2026-02-24 12:00', '春节 → Tuesday after'],
    ['2026-03-11 18:00', '2026-03-11 18:00', 'a workday stays'],
    ['2026-03-11 23:30', '2026-03-11 23:30', 'a workday stays even outside the window'],
    ['2026-09-20 18:00', '2026-09-20 18:00', 'a make-up Sunday is a workday'],
    ['2025-10-05 18:00', '2025-10-09 18:00', '2025 国庆+中秋 ran to 10-08'],
  ])('%s → %s (%s)', (local, expected) => {
    expect(show(cal.shiftDeadline(sh(local)))).toBe(expected);
  });

  it('keeps seconds when it shifts', () => {
    expect(cal.shiftDeadline(new Date('2026-03-15T18:00:30+08:00')).toISOString()).toBe('2026-03-16T10:00:30.000Z');
  });

  it('counts workdays overdue, skipping holidays and counting make-up days', () => {
    expect(cal.workdaysBetween('2026-09-30', '2026-10-08')).toBe(1);
    expect(cal.workdaysBetween('2026-10-08', '2026-10-12')).toBe(3); // Fri 09, make-up Sat 10, Mon 12
    expect(cal.workdaysBetween('2026-03-11', '2026-03-11')).toBe(0);
    expect(cal.nextWorkday('2026-09-30')).toBe('2026-10-08');
    expect(cal.previousWorkday('2026-02-24')).toBe('2026-02-14');
  });
});

describe('before-deadline reminders', () => {
  it.each([
    ['2026-03-15 09:00', '2026-03-16 18:00', '2026-03-13 09:00', 'Sunday → Friday 09:00'],
    ['2026-03-14 20:00', '2026-03-16 18:00', '2026-03-13 09:00', 'Saturday night → Friday 09:00'],
    ['2026-03-16 07:00', '2026-03-16 18:00', '2026-03-13 09:00', 'deadline morning before 08:00 → back to Friday, never later'],
    ['2026-03-11 12:30', '2026-03-13 18:00', '2026-03-11 09:00', 'midday rest → the same morning'],
    ['2026-03-11 19:00', '2026-03-13 18:00', '2026-03-11 09:00', 'evening → the same morning'],
    ['2026-10-06 09:00', '2026-10-08 18:00', '2026-09-30 09:00', 'inside 国庆 → the last workday before it'],
    ['2026-10-10 20:00', '2026-10-12 18:00', '2026-10-10 09:00', 'make-up Saturday evening → that Saturday 09:00'],
    ['2026-02-22 10:00', '2026-02-24 18:00', '2026-02-14 09:00', 'inside 春节 → the make-up Saturday before it'],
    ['2026-03-17 20:00', '2026-03-17 09:00', '2026-03-16 09:00', 'after a 09:00 deadline → strictly before it'],
  ])('%s for deadline %s → %s (%s)', (reminder, deadline, expected) => {
    expect(show(cal.sendTimeFor(sh(reminder), 'before-deadline', sh(deadline)))).toBe(expected);
  });

  it('leaves a reminder that is already inside the window alone', () => {
    const t = sh('2026-03-13 16:00');
    expect(cal.sendTimeFor(t, 'before-deadline', sh('2026-03-16 18:00'))).toBe(t);
  });

  it('latestWorkdayMorningBefore takes another time and an optional deadline', () => {
    expect(show(cal.latestWorkdayMorningBefore(sh('2026-03-15 09:00')))).toBe('2026-03-13 09:00');
    expect(show(cal.latestWorkdayMorningBefore(sh('2026-03-13 09:00')))).toBe('2026-03-13 09:00'); // not after: equal is fine
    expect(show(cal.latestWorkdayMorningBefore(sh('2026-03-15 09:00'), '10:30'))).toBe('2026-03-13 10:30');
    expect(show(cal.latestWorkdayMorningBefore(sh('2026-03-15 09:00'), '09:00', sh('2026-03-13 09:00')))).toBe('2026-03-12 09:00');
  });
});

describe('vacations', () => {
  it.each([
    ['2026-01-23', false],
    ['2026-01-24', true],
    ['2026-02-16', true],
    ['2026-03-01', true],
    ['2026-03-02', false],
    ['2026-07-11', true],
    ['2026-08-31', true],
    ['2026-09-01', false],
  ])('%s in vacation: %s', (date, expected) => {
    expect(cal.isInVacation(date)).toBe(expected);
  });

  it('names the vacation and lists those touching a year', () => {
    expect(cal.vacationOn('2026-07-20')?.name).toBe('暑假');
    expect(cal.vacationsIn(2026).map((v) => v.name)).toEqual(['寒假', '暑假']);
    expect(cal.vacationsIn(2027)).toEqual([]);
  });

  it('does not close the sending window: pausing is each campaign\'s choice', () => {
    expect(cal.isInSendingWindow(sh('2026-07-20 09:00'))).toBe(true);
  });
});

describe('overrides and configuration', () => {
  it('lets a later entry win for the same date', () => {
    const extra: CalendarDay[] = [
      { date: '2026-10-08', kind: 'holiday', name: '县运动会' },
      { date: '2026-10-01', kind: 'workday', name: '值班' },
    ];
    const c = new SchoolCalendar({ timezone: SH, holidays: [...OFFICIAL_CALENDAR_DAYS, ...extra] });
    expect(c.isWorkday('2026-10-08')).toBe(false);
    expect(c.isWorkday('2026-10-01')).toBe(true);
    expect(show(c.nextWindowOpening(sh('2026-09-30 18:30')))).toBe('2026-10-01 08:00');
    expect(show(c.nextWindowOpening(sh('2026-10-07 18:30')))).toBe('2026-10-09 08:00');
  });

  it.each([
    ['an unknown zone', { timezone: 'Asia/Atlantis' }],
    ['a bad date', { holidays: [{ date: '2026-02-30', kind: 'holiday' as const, name: 'x' }] }],
    ['a period ending before it starts', { window: { periods: [{ from: '12:00', to: '08:00' }] } }],
    ['overlapping periods', { window: { periods: [{ from: '08:00', to: '12:00' }, { from: '11:00', to: '13:00' }] } }],
    ['an empty window', { window: { periods: [] } }],
    ['a bad clock time', { window: { periods: [{ from: '8:00', to: '12:00' }] } }],
    ['a vacation ending before it starts', { vacations: [{ name: '寒假', start: '2026-02-01', end: '2026-01-01' }] }],
  ])('rejects %s', (_label, patch) => {
    expect(() => new SchoolCalendar({ timezone: SH, holidays: [], ...patch })).toThrow();
  });

  it('fails instead of looping when no workday exists', () => {
    const allOff: CalendarDay[] = [];
    for (let d = '2026-03-01'; d <= '2028-03-01'; d = addDays(d, 1)) allOff.push({ date: d, kind: 'holiday', name: '停' });
    const c = new SchoolCalendar({ timezone: SH, holidays: allOff });
    expect(() => c.nextWindowOpening(sh('2026-03-02 09:00'))).toThrow(/no sending window/);
  });
});

describe('another time zone', () => {
  const tokyo = new SchoolCalendar({ timezone: 'Asia/Tokyo', holidays: OFFICIAL_CALENDAR_DAYS });

  it('reads the window in its own wall clock', () => {
    // 2026-02-13 09:30Z is Friday 17:30 in Shanghai (open) and 18:30 in Tokyo (closed).
    const t = new Date('2026-02-13T09:30:00Z');
    expect(cal.isInSendingWindow(t)).toBe(true);
    expect(tokyo.isInSendingWindow(t)).toBe(false);
    expect(show(tokyo.nextWindowOpening(t), 'Asia/Tokyo')).toBe('2026-02-14 08:00');
    expect(tokyo.nextWindowOpening(t).toISOString()).toBe('2026-02-13T23:00:00.000Z');
  });

  it('shifts deadlines and reminders the same way, an hour earlier in absolute time', () => {
    const jst = (s: string) => new Date(`${s.replace(' ', 'T')}:00+09:00`);
    expect(show(tokyo.shiftDeadline(jst('2026-10-03 18:00')), 'Asia/Tokyo')).toBe('2026-10-08 18:00');
    expect(tokyo.shiftDeadline(jst('2026-10-03 18:00')).getTime()).toBe(cal.shiftDeadline(sh('2026-10-03 18:00')).getTime() - 3_600_000);
    expect(show(tokyo.sendTimeFor(jst('2026-03-15 09:00'), 'before-deadline', jst('2026-03-16 18:00')), 'Asia/Tokyo')).toBe('2026-03-13 09:00');
    expect(tokyo.dateOf(new Date('2026-09-30T15:30:00Z'))).toBe('2026-10-01'); // 00:30 in Tokyo, still 23:30 in Shanghai
    expect(cal.dateOf(new Date('2026-09-30T15:30:00Z'))).toBe('2026-09-30');
  });

  it('follows a daylight-saving change (Europe/Berlin, 2026-03-29)', () => {
    const berlin = new SchoolCalendar({ timezone: 'Europe/Berlin', holidays: [] });
    const fridayEvening = new Date('2026-03-27T17:30:00Z'); // 18:30 CET
    const opening = berlin.nextWindowOpening(fridayEvening);
    expect(show(opening, 'Europe/Berlin')).toBe('2026-03-30 08:00');
    expect(opening.toISOString()).toBe('2026-03-30T06:00:00.000Z'); // CEST, UTC+2
    expect(weekdayOf('2026-03-30')).toBe(1);
  });
});
