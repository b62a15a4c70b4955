import type { MonthlySchedule } from '../../db/schema/campaigns.js';
import { localParts, parseClockTime, zonedInstant } from '../time/zoned-time.js';

export type RoundTimes = { period: string; opensAt: Date; dueAt: Date };

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const isPeriod = (s: string) => PERIOD.test(s);

export function periodOf(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month - 1, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

function atDay(timeZone: string, year: number, month: number, day: number, time: string): Date {
  return zonedInstant(timeZone, { year, month, day, ...parseClockTime(time) });
}

export function monthlyRoundTimes(schedule: MonthlySchedule, period: string, timeZone: string): RoundTimes {
  const match = PERIOD.exec(period);
  if (!match) throw new Error(`not a period: ${period}`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  return {
    period,
    opensAt: atDay(timeZone, year, month, schedule.opens.day, schedule.opens.time),
    dueAt: atDay(timeZone, year, month, schedule.due.day, schedule.due.time),
  };
}

/** The latest round whose opening time has come by `now` (this month's, or last month's before the 1st 09:00). */
export function latestOpenedRoundTimes(schedule: MonthlySchedule, now: Date, timeZone: string): RoundTimes {
  const local = localParts(now, timeZone);
  const thisMonth = monthlyRoundTimes(schedule, periodOf(local.year, local.month), timeZone);
  if (thisMonth.opensAt.getTime() <= now.getTime()) return thisMonth;
  return monthlyRoundTimes(schedule, periodOf(local.year, local.month - 1), timeZone);
}

/** A reminder step's instant: `daysBefore` calendar days before the due date, at the step's local time. */
export function reminderInstant(dueAt: Date, step: { daysBefore: number; time: string }, timeZone: string): Date {
  const due = localParts(dueAt, timeZone);
  return atDay(timeZone, due.year, due.month, due.day - step.daysBefore, step.time);
}
