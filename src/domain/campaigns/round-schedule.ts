import { localParts, parseClockTime, zonedInstant } from '../time/zoned-time.js';
import type { SchoolCalendar } from '../calendar/school-calendar.js';
import type { Term } from '../calendar/types.js';
import type { CampaignDefinition } from '../../model/campaign-definition.js';

export type RoundTimes = { period: string; opensAt: Date; dueAt: Date };
/** A school term from the calendar, for semester campaigns. */
export type { Term };
/** Where schedules meet the school calendar: the zone, the terms, and optionally the calendar's rules. */
export type ScheduleContext = { timezone: string; terms: readonly Term[]; calendar?: SchoolCalendar };

const pad = (n: number) => String(n).padStart(2, '0');
const PERIOD_MONTHS = { monthly: 1, quarterly: 3, 'half-year': 6, annual: 12 } as const;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Month `offset` (1 = the period's first) of a period starting at year/startMonth, at a day clamped to that month. */
function atMonth(timezone: string, year: number, startMonth: number, offset: number, day: number, time: string): Date {
  const first = new Date(Date.UTC(year, startMonth - 1 + offset - 1, 1));
  const y = first.getUTCFullYear();
  const m = first.getUTCMonth() + 1;
  return zonedInstant(timezone, { year: y, month: m, day: Math.min(day, daysInMonth(y, m)), ...parseClockTime(time) });
}

function periodLabel(cadence: keyof typeof PERIOD_MONTHS, year: number, startMonth: number): string {
  switch (cadence) {
    case 'monthly':
      return `${year}-${pad(startMonth)}`;
    case 'quarterly':
      return `${year}-Q${(startMonth + 2) / 3}`;
    case 'half-year':
      return `${year}-H${startMonth === 1 ? 1 : 2}`;
    case 'annual':
      return String(year);
  }
}

/**
 * The rounds whose opening has come by `now`, newest first (at most a few): the tick opens the
 * newest if its deadline has not passed. Wall-clock times are in the campaign's time zone.
 */
export function recentRounds(def: CampaignDefinition, now: Date, ctx: ScheduleContext): RoundTimes[] {
  return candidateRounds(def, now, ctx, 0)
    .filter((c) => c.opensAt.getTime() <= now.getTime())
    .sort((a, b) => b.opensAt.getTime() - a.opensAt.getTime())
    .slice(0, 3);
}

/** The next rounds to open after `now`, soonest first (for `status`). */
export function upcomingRounds(def: CampaignDefinition, now: Date, ctx: ScheduleContext, count = 1): RoundTimes[] {
  return candidateRounds(def, now, ctx, count + 1)
    .filter((c) => c.opensAt.getTime() > now.getTime())
    .sort((a, b) => a.opensAt.getTime() - b.opensAt.getTime())
    .slice(0, count);
}

/**
 * Rounds around `now`: periods back far enough to catch late openings, and `yearsAhead` years of
 * periods ahead (a year, not a period or two: periodsOfYear may leave out the next few periods).
 */
function candidateRounds(def: CampaignDefinition, now: Date, ctx: ScheduleContext, yearsAhead: number): RoundTimes[] {
  const { timezone } = ctx;
  const candidates: RoundTimes[] = [];
  if (def.cadence === 'once') {
    candidates.push({ period: def.period, opensAt: new Date(def.opens.at), dueAt: new Date(def.due.at) });
  } else if (def.cadence === 'semester') {
    for (const term of ctx.terms) {
      const [y, m, d] = term.start.split('-').map(Number) as [number, number, number];
      const at = (weeks: number, time: string) => zonedInstant(timezone, { year: y, month: m, day: d + weeks * 7, ...parseClockTime(time) });
      candidates.push({ period: term.name, opensAt: at(def.opens.weeksAfterStart, def.opens.time), dueAt: at(def.due.weeksAfterStart, def.due.time) });
    }
  } else {
    const length = PERIOD_MONTHS[def.cadence];
    const local = localParts(now, timezone);
    const monthIndex = local.year * 12 + (local.month - 1);
    const currentStart = monthIndex - (monthIndex % length);
    // This period, and the ones before it whose round may open late in their span or after it.
    for (let back = -yearsAhead * (12 / length); back <= Math.ceil(24 / length); back++) {
      const start = currentStart - back * length;
      const year = Math.floor(start / 12);
      const startMonth = (start % 12) + 1;
      // Periods the campaign leaves out of each year (periodsOfYear) have no round at all.
      if (def.cadence !== 'monthly' && def.periodsOfYear && !def.periodsOfYear.includes((startMonth - 1) / length + 1)) continue;
      const opensMonth = def.cadence === 'monthly' ? 1 : def.opens.month;
      const dueMonth = def.cadence === 'monthly' ? 1 : def.due.month;
      candidates.push({
        period: periodLabel(def.cadence, year, startMonth),
        opensAt: atMonth(timezone, year, startMonth, opensMonth, def.opens.day, def.opens.time),
        dueAt: atMonth(timezone, year, startMonth, dueMonth, def.due.day, def.due.time),
      });
    }
  }
  return candidates.flatMap((c) => onCalendar(def, c, ctx.calendar));
}

/**
 * A round that would open in a vacation is skipped when its campaign pauses then; otherwise it
 * opens at the next sending-window opening, and a deadline on a rest day moves to the next workday.
 */
function onCalendar(def: CampaignDefinition, round: RoundTimes, calendar: SchoolCalendar | undefined): RoundTimes[] {
  if (!calendar) return [round];
  if (def.pausesInVacation && calendar.isInVacation(calendar.dateOf(round.opensAt))) return [];
  return [{ period: round.period, opensAt: calendar.nextWindowOpening(round.opensAt), dueAt: calendar.shiftDeadline(round.dueAt) }];
}

/** The latest round whose opening time has come by `now`, if any. */
export function latestOpenedRound(def: CampaignDefinition, now: Date, ctx: ScheduleContext): RoundTimes | undefined {
  return recentRounds(def, now, ctx)[0];
}

/**
 * A reminder step's send time: `daysBefore` calendar days before the due date at the step's
 * local time; outside the sending window it moves back to 09:00 of the latest workday before.
 */
export function reminderInstant(dueAt: Date, step: { daysBefore: number; time: string }, ctx: { timezone: string; calendar?: SchoolCalendar }): Date {
  const due = localParts(dueAt, ctx.timezone);
  const at = zonedInstant(ctx.timezone, { year: due.year, month: due.month, day: due.day - step.daysBefore, ...parseClockTime(step.time) });
  return ctx.calendar ? ctx.calendar.sendTimeFor(at, 'before-deadline', dueAt) : at;
}
