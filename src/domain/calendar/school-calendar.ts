import { localDate, localParts, parseClockTime, zonedInstant } from '../time/zoned-time.js';
import { addDays, dateParts, isLocalDate, isWeekend, weekdayOf, WEEKDAY_ZH, type LocalDate } from './local-date.js';
import type { CalendarDay, SendingWindow, Vacation } from './types.js';

/**
 * When the bot may start a conversation ("Respect teachers' time"): workdays only, inside the
 * sending window, in the calendar's own zone. Pure: built from data, no clock and no database.
 * Vacations are known here but do not close the window; a campaign decides whether it pauses.
 */

export const DEFAULT_SENDING_WINDOW: SendingWindow = {
  periods: [{ from: '08:00', to: '12:00' }, { from: '14:30', to: '18:00' }],
};

/** Where a before-deadline reminder lands when its own moment is outside the window. */
export const BEFORE_DEADLINE_TIME = '09:00';

export type SchoolCalendarConfig = {
  timezone: string;
  /** Official days plus admin overrides; for one date the later entry wins. */
  holidays: readonly CalendarDay[];
  vacations?: readonly Vacation[];
  window?: SendingWindow;
};

export type SendRule = 'next-window' | 'before-deadline';

export type ListedDay = { date: LocalDate; weekday: string; kind: CalendarDay['kind']; name: string; provisional: boolean };

// Day-by-day searches stop here: a calendar without a workday for a year is misconfigured and must fail, not spin.
const SEARCH_LIMIT_DAYS = 400;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

function minutesOf(hhmm: string, what: string): number {
  if (!HHMM.test(hhmm)) throw new Error(`${what} must be HH:mm, got ${JSON.stringify(hhmm)}`);
  const { hour, minute } = parseClockTime(hhmm);
  return hour * 60 + minute;
}

export class SchoolCalendar {
  readonly timezone: string;
  readonly window: SendingWindow;
  private readonly days = new Map<LocalDate, CalendarDay>();
  private readonly vacations: readonly Vacation[];
  /** Window periods in minutes of the day, sorted; `to` excluded. */
  private readonly periods: { from: number; to: number }[];

  constructor(config: SchoolCalendarConfig) {
    new Intl.DateTimeFormat('en-US', { timeZone: config.timezone }); // a RangeError now beats wrong times later
    this.timezone = config.timezone;
    for (const day of config.holidays) {
      if (!isLocalDate(day.date)) throw new Error(`calendar day is not a YYYY-MM-DD date: ${day.date}`);
      this.days.set(day.date, day);
    }
    for (const v of config.vacations ?? []) {
      if (isLocalDate(v.start) && isLocalDate(v.end) && v.start <= v.end) continue;
      throw new Error(`vacation ${v.name} needs start <= end as YYYY-MM-DD, got ${v.start}..${v.end}`);
    }
    this.vacations = [...(config.vacations ?? [])];
    this.window = config.window ?? DEFAULT_SENDING_WINDOW;
    this.periods = this.window.periods.map((p) => ({ from: minutesOf(p.from, 'window from'), to: minutesOf(p.to, 'window to') }));
    this.periods.forEach((p, i) => {
      const previous = this.periods[i - 1];
      if (p.from >= p.to) throw new Error(`window period ${i} must end after it starts`);
      if (previous && p.from < previous.to) throw new Error(`window period ${i} must start after period ${i - 1} ends`);
    });
    if (this.periods.length === 0) throw new Error('the sending window needs at least one period');
  }

  /** The calendar date an instant falls on in this calendar's zone. */
  dateOf(instant: Date): LocalDate {
    return localDate(instant, this.timezone);
  }

  /** The official or admin entry for a date, if the date is special. */
  entryFor(date: LocalDate): CalendarDay | undefined {
    return this.days.get(date);
  }

  /** Monday–Friday unless a holiday; a make-up workday (调休上班) counts even on a weekend. */
  isWorkday(date: LocalDate): boolean {
    const entry = this.days.get(date);
    return entry ? entry.kind === 'workday' : !isWeekend(date);
  }

  vacationOn(date: LocalDate): Vacation | undefined {
    return this.vacations.find((v) => v.start <= date && date <= v.end);
  }

  isInVacation(date: LocalDate): boolean {
    return this.vacationOn(date) !== undefined;
  }

  /** The first workday strictly after `date`. */
  nextWorkday(date: LocalDate): LocalDate {
    return this.findWorkday(date, 1);
  }

  /** The last workday strictly before `date`. */
  previousWorkday(date: LocalDate): LocalDate {
    return this.findWorkday(date, -1);
  }

  /** Workdays d with from < d <= to: "how many workdays overdue" on `to` for a deadline on `from`. */
  workdaysBetween(from: LocalDate, to: LocalDate): number {
    let count = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (this.isWorkday(d)) count++;
    return count;
  }

  isInSendingWindow(instant: Date): boolean {
    if (!this.isWorkday(this.dateOf(instant))) return false;
    const p = localParts(instant, this.timezone);
    const second = (p.hour * 60 + p.minute) * 60 + p.second;
    return this.periods.some((w) => w.from * 60 <= second && second < w.to * 60);
  }

  /** The instant itself inside the window; otherwise the next period's opening on a workday. */
  nextWindowOpening(instant: Date): Date {
    if (this.isInSendingWindow(instant)) return instant;
    const p = localParts(instant, this.timezone);
    const minute = p.hour * 60 + p.minute; // outside the window, so no period opens within this minute
    let date = this.dateOf(instant);
    for (let i = 0; i <= SEARCH_LIMIT_DAYS; i++, date = addDays(date, 1)) {
      if (!this.isWorkday(date)) continue;
      const opening = this.periods.find((w) => i > 0 || w.from > minute);
      if (opening) return this.at(date, opening.from);
    }
    throw new Error(`no sending window within ${SEARCH_LIMIT_DAYS} days of ${date}`);
  }

  /** A deadline on a rest day moves to the next workday at the same local time; others stay. */
  shiftDeadline(deadline: Date): Date {
    const date = this.dateOf(deadline);
    if (this.isWorkday(date)) return deadline;
    const p = localParts(deadline, this.timezone);
    const minute = p.hour * 60 + p.minute;
    const subMinuteMs = deadline.getTime() - this.at(date, minute).getTime(); // keep seconds, if any
    return new Date(this.at(this.nextWorkday(date), minute).getTime() + subMinuteMs);
  }

  /**
   * The latest `time` (default 09:00) on a workday that is not after `instant` and, when a
   * deadline is given, strictly before it. This is where a before-deadline reminder that falls
   * outside the window moves *back* to (Sunday 09:00 for a Monday deadline → Friday 09:00), so
   * it never lands after the deadline nor later than it was meant to go. The result may be in the
   * past for the caller; whether to send late or drop is the tick's decision, not the calendar's.
   */
  latestWorkdayMorningBefore(instant: Date, time = BEFORE_DEADLINE_TIME, deadline?: Date): Date {
    const minute = minutesOf(time, 'time');
    const limit = Math.min(instant.getTime(), deadline ? deadline.getTime() - 1 : Infinity);
    let date = this.dateOf(new Date(limit));
    for (let i = 0; i <= SEARCH_LIMIT_DAYS; i++, date = addDays(date, -1)) {
      if (!this.isWorkday(date)) continue;
      const candidate = this.at(date, minute);
      if (candidate.getTime() <= limit) return candidate;
    }
    throw new Error(`no workday within ${SEARCH_LIMIT_DAYS} days before ${date}`);
  }

  /**
   * When a message the bot starts may go. `next-window`: round openings and prompts wait for the
   * next opening. `before-deadline`: a reminder inside the window stays; outside it moves back to
   * 09:00 of the latest workday before it (see latestWorkdayMorningBefore). Pass the deadline
   * after shiftDeadline, so "before" means before the deadline people actually have.
   */
  sendTimeFor(instant: Date, rule: SendRule, deadline?: Date): Date {
    if (rule === 'next-window') return this.nextWindowOpening(instant);
    if (this.isInSendingWindow(instant)) return instant;
    return this.latestWorkdayMorningBefore(instant, BEFORE_DEADLINE_TIME, deadline);
  }

  /** The year's special days (holidays and make-up workdays) in date order, for `calendar list`. */
  listDays(year: number): ListedDay[] {
    return [...this.days.values()]
      .filter((d) => d.date.startsWith(`${year}-`))
      .sort((a, b) => (a.date < b.date ? -1 : 1))
      .map((d) => ({ date: d.date, weekday: WEEKDAY_ZH[weekdayOf(d.date)]!, kind: d.kind, name: d.name, provisional: d.provisional === true }));
  }

  /** Vacations that touch the year, in start order. */
  vacationsIn(year: number): Vacation[] {
    const [first, last] = [`${year}-01-01`, `${year}-12-31`];
    return this.vacations.filter((v) => v.start <= last && v.end >= first).sort((a, b) => (a.start < b.start ? -1 : 1));
  }

  private findWorkday(date: LocalDate, step: 1 | -1): LocalDate {
    let d = addDays(date, step);
    for (let i = 0; i < SEARCH_LIMIT_DAYS; i++, d = addDays(d, step)) if (this.isWorkday(d)) return d;
    throw new Error(`no workday within ${SEARCH_LIMIT_DAYS} days of ${date}`);
  }

  private at(date: LocalDate, minuteOfDay: number): Date {
    const p = dateParts(date)!;
    return zonedInstant(this.timezone, { ...p, hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 });
  }
}
