import type { CampaignDefinition } from '../../../src/model/campaign-definition.js';
import type { SchoolCalendar } from '../../../src/domain/calendar/school-calendar.js';

/**
 * The simulated school year's calendar, 2026-09-01 .. 2027-08-31 (its terms and vacations), local
 * time in Asia/Shanghai, and what each default campaign's rounds should do in it: when they open,
 * fall due, remind and escalate, computed here from the definitions and the calendar (not taken
 * from Ducha's own scheduling code).
 */

export const TZ = 'Asia/Shanghai'; // UTC+8 all year, no daylight saving
export const FIRST_DAY = '2026-09-01';
export const LAST_DAY = '2027-08-31';
export const TERMS = [
  { name: '2026-autumn', start: '2026-09-01', end: '2027-01-22' },
  { name: '2027-spring', start: '2027-03-01', end: '2027-07-09' },
];
export const VACATIONS = [
  { name: '寒假', start: '2027-01-23', end: '2027-02-28' },
  { name: '暑假', start: '2027-07-10', end: '2027-08-31' },
];

// ---- local time (Asia/Shanghai is a fixed UTC+8) ----
export const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const at = (date: string, time: string) => Date.parse(`${date}T${time}:00+08:00`);
const localIso = (ms: number) => new Date(ms + 8 * HOUR).toISOString();
export const dateOf = (ms: number) => localIso(ms).slice(0, 10);
export const timeOf = (ms: number) => localIso(ms).slice(11, 16);
export const fmt = (ms: number) => `${dateOf(ms)} ${timeOf(ms)}`;
export const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
export const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const pad = (n: number) => String(n).padStart(2, '0');
export function addMonths(ym: string, k: number): string {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + k;
  return `${Math.floor(i / 12)}-${pad((i % 12) + 1)}`;
}


// ---- what the year should bring, computed from the definitions and the calendar ----
export type Expected = {
  code: string;
  title: string;
  audience: 'teachers' | 'principals';
  period: string;
  nominalOpen: number;
  nominalDue: number;
  opensAt: number;
  dueAt: number;
  steps: { step: string; to: string; at: number }[];
  escalateAt: number | undefined;
};

/** The sending window, written out here rather than taken from the calendar: 08:00–12:00 and 14:30–18:00 on workdays. */
export function inWindow(cal: SchoolCalendar, ms: number): boolean {
  const t = timeOf(ms);
  return cal.isWorkday(dateOf(ms)) && ((t >= '08:00' && t < '12:00') || (t >= '14:30' && t < '18:00'));
}
export function nextOpening(cal: SchoolCalendar, ms: number): number {
  if (inWindow(cal, ms)) return ms;
  let d = dateOf(ms);
  const t = timeOf(ms);
  if (cal.isWorkday(d) && t < '08:00') return at(d, '08:00');
  if (cal.isWorkday(d) && t >= '12:00' && t < '14:30') return at(d, '14:30');
  do d = addDays(d, 1);
  while (!cal.isWorkday(d));
  return at(d, '08:00');
}
export function nextWorkday(cal: SchoolCalendar, date: string): string {
  let d = addDays(date, 1);
  while (!cal.isWorkday(d)) d = addDays(d, 1);
  return d;
}

export function expectedRounds(code: string, title: string, audience: 'teachers' | 'principals', def: CampaignDefinition, cal: SchoolCalendar): Expected[] {
  const nominal: { period: string; open: number; due: number }[] = [];
  const dayAt = (ym: string, day: number, time: string) => at(`${ym}-${pad(day)}`, time);
  if (def.cadence === 'monthly') {
    for (let ym = '2026-07'; ym <= '2027-09'; ym = addMonths(ym, 1)) {
      nominal.push({ period: ym, open: dayAt(ym, def.opens.day, def.opens.time), due: dayAt(ym, def.due.day, def.due.time) });
    }
  } else if (def.cadence === 'half-year' || def.cadence === 'annual' || def.cadence === 'quarterly') {
    const length = { quarterly: 3, 'half-year': 6, annual: 12 }[def.cadence];
    for (let start = '2026-01'; start <= '2027-12'; start = addMonths(start, length)) {
      const [y, m] = start.split('-').map(Number) as [number, number];
      if (def.periodsOfYear && !def.periodsOfYear.includes((m - 1) / length + 1)) continue; // e.g. no second-half summary
      const period = def.cadence === 'annual' ? String(y) : def.cadence === 'half-year' ? `${y}-H${m === 1 ? 1 : 2}` : `${y}-Q${(m + 2) / 3}`;
      nominal.push({
        period,
        open: dayAt(addMonths(start, def.opens.month - 1), def.opens.day, def.opens.time),
        due: dayAt(addMonths(start, def.due.month - 1), def.due.day, def.due.time),
      });
    }
  } else if (def.cadence === 'semester') {
    for (const term of TERMS) {
      if (def.pausesInVacation && cal.isInVacation(addDays(term.start, 7 * def.opens.weeksAfterStart))) continue;
      nominal.push({
        period: term.name,
        open: at(addDays(term.start, 7 * def.opens.weeksAfterStart), def.opens.time),
        due: at(addDays(term.start, 7 * def.due.weeksAfterStart), def.due.time),
      });
    }
  } else {
    throw new Error(`a default campaign with cadence ${def.cadence} is not covered by this test`);
  }
  const out: Expected[] = [];
  for (const n of nominal) {
    if (def.pausesInVacation && cal.isInVacation(dateOf(n.open))) continue;
    const opensAt = nextOpening(cal, n.open);
    // A deadline on a rest day moves to the next workday, same time.
    const dueAt = cal.isWorkday(dateOf(n.due)) ? n.due : at(nextWorkday(cal, dateOf(n.due)), timeOf(n.due));
    // The walk ticks at every opening inside the year; a round whose deadline passed first never opens.
    if (opensAt < at(FIRST_DAY, '00:00') || opensAt > at(LAST_DAY, '23:59') || opensAt >= dueAt) continue;
    const steps = def.reminders
      .filter((s) => s.daysBefore >= 0)
      .map((s) => {
        const wanted = at(addDays(dateOf(dueAt), -s.daysBefore), s.time);
        if (inWindow(cal, wanted)) return { step: s.step, to: s.to, at: wanted };
        // Outside the window: back to 09:00 of the latest workday before it (and before the deadline).
        const limit = Math.min(wanted, dueAt - 1);
        let d = dateOf(limit);
        while (!cal.isWorkday(d) || at(d, '09:00') > limit) d = addDays(d, -1);
        return { step: s.step, to: s.to, at: at(d, '09:00') };
      });
    let escalateAt: number | undefined;
    if (def.escalation) {
      let d = dateOf(dueAt);
      for (let k = 0; k < def.escalation.afterWorkdaysOverdue; ) {
        d = addDays(d, 1);
        if (cal.isWorkday(d)) k++;
      }
      escalateAt = at(d, '09:00');
    }
    out.push({ code, title, audience, period: n.period, nominalOpen: n.open, nominalDue: n.due, opensAt, dueAt, steps, escalateAt });
  }
  return out;
}
