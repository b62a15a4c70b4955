import { date, pgTable, serial, text, check } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { instant } from './columns.js';

/**
 * The admin's changes to the official holiday calendar, one per date: a holiday, a make-up
 * workday, or `none` (the date follows the Monday–Friday rule again).
 */
export const calendarOverrides = pgTable(
  'calendar_overrides',
  {
    date: date('date', { mode: 'string' }).primaryKey(),
    kind: text('kind', { enum: ['holiday', 'workday', 'none'] }).notNull(),
    name: text('name').notNull(),
    changedAt: instant('changed_at').notNull(),
  },
  (t) => [check('calendar_overrides_kind_check', sql`${t.kind} in ('holiday', 'workday', 'none')`)],
);

/** School terms (semester campaigns count from their first day) and vacations (some campaigns pause). */
export const schoolPeriods = pgTable(
  'school_periods',
  {
    id: serial('id').primaryKey(),
    kind: text('kind', { enum: ['term', 'vacation'] }).notNull(),
    name: text('name').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
  },
  (t) => [
    check('school_periods_kind_check', sql`${t.kind} in ('term', 'vacation')`),
    check('school_periods_order', sql`${t.endsOn} >= ${t.startsOn}`),
  ],
);
