import { describe, it, expect } from 'vitest';
import {
  applyCalendarChanges,
  calendarFileSchema,
  CalendarInputError,
  describeCalendarFileIssues,
  flattenVacations,
  parseCalendarCommand,
  parseCalendarDate,
} from '../../src/domain/calendar/calendar-file.js';
import { OFFICIAL_CALENDAR_DAYS } from '../../src/domain/calendar/official-holidays.js';
import { SchoolCalendar } from '../../src/domain/calendar/school-calendar.js';

describe('parseCalendarDate', () => {
  it.each(['2026-10-08', '2026-02-28', '2028-02-29', '2027-12-31'])('accepts %s', (s) => {
    expect(parseCalendarDate(s)).toBe(s);
  });

  it.each([
    ['2026-2-3', /日期格式应为 YYYY-MM-DD/],
    ['2026/02/03', /日期格式应为 YYYY-MM-DD/],
    ['20260203', /日期格式应为 YYYY-MM-DD/],
    [' 2026-02-03', /日期格式应为 YYYY-MM-DD/],
    ['2026-02-03T00:00', /日期格式应为 YYYY-MM-DD/],
    ['', /日期格式应为 YYYY-MM-DD/],
    ['2026-02-30', /日期不存在:2026-02-30/],
    ['2027-02-29', /日期不存在/],
    ['2026-13-01', /日期不存在/],
    ['2026-00-10', /日期不存在/],
  ])('rejects %j in Chinese', (s, message) => {
    expect(() => parseCalendarDate(s)).toThrow(CalendarInputError);
    expect(() => parseCalendarDate(s)).toThrow(message);
  });
});

describe('parseCalendarCommand', () => {
  it.each([
    [['add-holiday', '2026-11-20', '县运动会'], { op: 'add-holiday', date: '2026-11-20', name: '县运动会' }],
    [['add-holiday', '2026-11-20'], { op: 'add-holiday', date: '2026-11-20', name: '临时放假' }],
    [['add-holiday', '2026-11-20', '县', '运动会'], { op: 'add-holiday', date: '2026-11-20', name: '县 运动会' }],
    [['add-workday', '2026-10-11'], { op: 'add-workday', date: '2026-10-11', name: '调休上班' }],
    [['remove', '2026-10-08'], { op: 'remove', date: '2026-10-08' }],
  ])('%j', (args, expected) => {
    expect(parseCalendarCommand(args)).toEqual(expected);
  });

  it.each([
    [['delete', '2026-10-08'], /未知的操作「delete」/],
    [[], /未知的操作/],
    [['remove'], /缺少日期/],
    [['add-workday', '2026-10-11', 'x'], /只需要一个日期/],
    [['add-holiday', '2026-10-32'], /日期不存在/],
    [['add-holiday', '2026-10-08', 'x'.repeat(21)], /最多 20 个字/],
  ])('rejects %j', (args, message) => {
    expect(() => parseCalendarCommand(args)).toThrow(message);
  });
});

describe('applyCalendarChanges', () => {
  const changes = [
    parseCalendarCommand(['add-holiday', '2026-10-08', '县运动会']),
    parseCalendarCommand(['remove', '2026-10-10']),
    parseCalendarCommand(['add-workday', '2026-10-11']),
    parseCalendarCommand(['remove', '2026-10-01']),
  ];
  const days = applyCalendarChanges(OFFICIAL_CALENDAR_DAYS, changes);
  const cal = new SchoolCalendar({ timezone: 'Asia/Shanghai', holidays: days });

  it('adds, overrides and removes, leaving the official data untouched', () => {
    expect(cal.isWorkday('2026-10-08')).toBe(false); // added holiday
    expect(cal.isWorkday('2026-10-10')).toBe(false); // make-up Saturday removed → plain Saturday
    expect(cal.isWorkday('2026-10-11')).toBe(true); // added workday on a Sunday
    expect(cal.isWorkday('2026-10-01')).toBe(true); // official holiday removed → plain Thursday
    expect(OFFICIAL_CALENDAR_DAYS.find((d) => d.date === '2026-10-10')?.kind).toBe('workday');
    expect(cal.listDays(2026).find((d) => d.date === '2026-10-08')).toMatchObject({ name: '县运动会', provisional: false });
  });

  it('applies changes in order, so the last word on a date counts', () => {
    const again = applyCalendarChanges(OFFICIAL_CALENDAR_DAYS, [...changes, parseCalendarCommand(['remove', '2026-10-08'])]);
    expect(again.find((d) => d.date === '2026-10-08')).toBeUndefined();
    expect([...again.map((d) => d.date)].sort()).toEqual(again.map((d) => d.date));
  });

  it('drops the provisional mark when the admin confirms a 2027 day', () => {
    const confirmed = applyCalendarChanges(OFFICIAL_CALENDAR_DAYS, [parseCalendarCommand(['add-holiday', '2027-02-05', '春节'])]);
    expect(confirmed.find((d) => d.date === '2027-02-05')).toEqual({ date: '2027-02-05', kind: 'holiday', name: '春节' });
  });
});

describe('calendarFileSchema', () => {
  it('accepts a full file and fills defaults', () => {
    const file = calendarFileSchema.parse({
      changes: [{ op: 'add-holiday', date: '2026-11-20' }, { op: 'remove', date: '2026-10-10' }],
      vacations: {
        '2026': [
          { name: '暑假', start: '2026-07-11', end: '2026-08-31' },
          { name: '寒假', start: '2026-01-24', end: '2026-03-01' },
        ],
        '2027': [{ name: '寒假', start: '2027-01-23', end: '2027-02-28' }],
      },
      window: { periods: [{ from: '08:30', to: '11:30' }, { from: '15:00', to: '17:30' }] },
    });
    expect(file.changes[0]).toEqual({ op: 'add-holiday', date: '2026-11-20', name: '临时放假' });
    expect(flattenVacations(file.vacations).map((v) => v.start)).toEqual(['2026-01-24', '2026-07-11', '2027-01-23']);
    expect(calendarFileSchema.parse({})).toEqual({ changes: [], vacations: {} });
  });

  it.each([
    ['a bad change date', { changes: [{ op: 'add-workday', date: '2026-9-20' }] }, 'changes[0].date: 日期格式应为'],
    ['an unknown op', { changes: [{ op: 'move', date: '2026-09-20' }] }, 'changes[0].op'],
    ['a vacation ending first', { vacations: { '2026': [{ name: '寒假', start: '2026-03-01', end: '2026-01-24' }] } }, 'vacations.2026[0].end: 假期结束日期不能早于开始日期'],
    ['a vacation filed under the wrong year', { vacations: { '2026': [{ name: '寒假', start: '2027-01-23', end: '2027-02-28' }] } }, 'vacations.2026[0].start: 应在 2026 年内开始'],
    ['overlapping vacations', { vacations: { '2026': [{ name: 'a', start: '2026-07-01', end: '2026-08-31' }, { name: 'b', start: '2026-08-01', end: '2026-08-10' }] } }, 'vacations.2026[1]: 与第 1 个假期重叠'],
    ['a bad year key', { vacations: { '26': [] } }, 'vacations'],
    ['a period ending first', { window: { periods: [{ from: '12:00', to: '08:00' }] } }, 'window.periods[0].to: 结束时间须晚于开始时间'],
    ['unsorted periods', { window: { periods: [{ from: '14:30', to: '18:00' }, { from: '08:00', to: '12:00' }] } }, 'window.periods[1].from: 时段须按时间先后排列且不重叠'],
    ['a bad clock time', { window: { periods: [{ from: '8:00', to: '12:00' }] } }, 'window.periods[0].from: 时间格式应为 HH:mm'],
    ['an empty window', { window: { periods: [] } }, 'window.periods: 至少需要一个发送时段'],
  ])('rejects %s with its path', (_label, input, expected) => {
    const result = calendarFileSchema.safeParse(input);
    expect(result.success).toBe(false);
    if (!result.success) expect(describeCalendarFileIssues(result.error).join('\n')).toContain(expected);
  });
});
