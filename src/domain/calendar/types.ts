import type { LocalDate } from './local-date.js';

/** One date that differs from the Monday–Friday rule: a day off, or a weekend day worked (调休上班). */
export type CalendarDay = {
  date: LocalDate;
  kind: 'holiday' | 'workday';
  name: string;
  /** Derived by us, not yet read from a State Council notice; replace when the notice is out. */
  provisional?: true;
};

/** A school vacation (寒假, 暑假), both ends included. */
export type Vacation = { start: LocalDate; end: LocalDate; name: string };

/** Wall-clock periods, `HH:mm`, start included and end excluded (12:00 is already the midday rest). */
export type SendingWindow = { periods: { from: string; to: string }[] };

/** A school term (学期): semester campaigns count their rounds from its start (`YYYY-MM-DD`). */
export type Term = { name: string; start: string };
