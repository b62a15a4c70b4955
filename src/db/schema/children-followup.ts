import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { instant } from './columns.js';
import { people, schools } from './roster.js';
import { homeVisits, students } from './students.js';

/**
 * 控辍保学: a dropout case's states. 疑似 → 已辍学 → 劝返中 → closed as 已返校, 已转学 or 已豁免
 * (因病缓学 …, approved by a principal or the bureau). A closed case can reopen.
 */
export const dropoutStates = ['suspected', 'dropped', 'persuading', 'returned', 'transferred', 'exempted'] as const;
export type DropoutState = (typeof dropoutStates)[number];
export const closedDropoutStates: readonly DropoutState[] = ['returned', 'transferred', 'exempted'];

/** One dropout case of a student; at most one open at a time. Its history is in dropout_case_events. */
export const dropoutCases = pgTable(
  'dropout_cases',
  {
    id: serial('id').primaryKey(),
    studentId: integer('student_id')
      .notNull()
      .references(() => students.id),
    state: text('state', { enum: dropoutStates }).notNull(),
    /** The teacher answerable for bringing the child back (the reporter by default). */
    responsibleId: integer('responsible_id')
      .notNull()
      .references(() => people.id),
    reason: text('reason').notNull(),
    /** 已转学: the receiving school, as said. */
    transferredTo: text('transferred_to'),
    /** 已豁免: why, and who approved it (a principal or the bureau). */
    exemptReason: text('exempt_reason'),
    exemptApprovedById: integer('exempt_approved_by_id').references(() => people.id),
    /** The visit flagged 辍学风险 that opened it, if a visit did. */
    visitId: integer('visit_id').references(() => homeVisits.id),
    openedAt: instant('opened_at').notNull(),
    closedAt: instant('closed_at'),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    // One open case per child: a second report while one is open adds to it.
    uniqueIndex('dropout_cases_one_open_per_student').on(t.studentId).where(sql`${t.closedAt} is null`),
    index('dropout_cases_state_idx').on(t.state),
    check('dropout_cases_state_check', sql`${t.state} in ('suspected', 'dropped', 'persuading', 'returned', 'transferred', 'exempted')`),
  ],
);

/** Every change of a case, never an overwrite: opened, a state change, a reassignment, a reopening. */
export const dropoutCaseEvents = pgTable(
  'dropout_case_events',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => dropoutCases.id),
    kind: text('kind', { enum: ['opened', 'state', 'reassigned', 'reopened'] }).notNull(),
    fromState: text('from_state', { enum: dropoutStates }),
    toState: text('to_state', { enum: dropoutStates }),
    byId: integer('by_id').references(() => people.id),
    note: text('note'),
    at: instant('at').notNull(),
  },
  (t) => [index('dropout_case_events_case_idx').on(t.caseId, t.at)],
);

export const persuasionMethods = ['phone', 'home', 'joint'] as const;

/** Each 劝返 attempt: when, who, how (电话, 入户, 联合乡镇), and what came of it. */
export const persuasionAttempts = pgTable(
  'persuasion_attempts',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => dropoutCases.id),
    byId: integer('by_id')
      .notNull()
      .references(() => people.id),
    attemptedOn: date('attempted_on', { mode: 'string' }).notNull(),
    method: text('method', { enum: persuasionMethods }).notNull(),
    result: text('result').notNull(),
    at: instant('at').notNull(),
  },
  (t) => [index('persuasion_attempts_case_idx').on(t.caseId, t.attemptedOn)],
);

/** 精准资助大排查: what a visit found of a student's aid, and whether the family still qualifies. */
export const aidStatuses = ['full', 'partial', 'none'] as const;
export const aidEligibilities = ['eligible', 'ineligible', 'unverified'] as const;

/**
 * A mismatch found by the aid check (aid 部分到位/未到位, or 资格 不再符合/待核实): open until the
 * principal closes it with a note (`核实 <student> <说明>`).
 */
export const aidFollowups = pgTable(
  'aid_followups',
  {
    id: serial('id').primaryKey(),
    studentId: integer('student_id')
      .notNull()
      .references(() => students.id),
    visitId: integer('visit_id')
      .notNull()
      .references(() => homeVisits.id),
    openedAt: instant('opened_at').notNull(),
    closedAt: instant('closed_at'),
    closedById: integer('closed_by_id').references(() => people.id),
    note: text('note'),
  },
  (t) => [index('aid_followups_student_idx').on(t.studentId), index('aid_followups_open_idx').on(t.closedAt)],
);

/** A school's own settings for the children's follow-up (每天一问 is off until a principal turns it on). */
export const schoolSettings = pgTable('school_settings', {
  schoolId: integer('school_id')
    .primaryKey()
    .references(() => schools.id),
  dailyCheck: boolean('daily_check').notNull().default(false),
  /** Local time of the mentors' daily card, inside the sending window. */
  dailyCheckAt: text('daily_check_at').notNull().default('16:30'),
  updatedAt: instant('updated_at').notNull(),
});

export const dailyCheckAnswers = ['ok', 'concern'] as const;

/** 一对一帮扶 · 每天一问: one mentor's check on one student on one school day. */
export const dailyChecks = pgTable(
  'daily_checks',
  {
    id: serial('id').primaryKey(),
    mentorId: integer('mentor_id')
      .notNull()
      .references(() => people.id),
    studentId: integer('student_id')
      .notNull()
      .references(() => students.id),
    day: date('day', { mode: 'string' }).notNull(),
    answer: text('answer', { enum: dailyCheckAnswers }),
    note: text('note'),
    answeredAt: instant('answered_at'),
  },
  (t) => [
    uniqueIndex('daily_checks_mentor_student_day_key').on(t.mentorId, t.studentId, t.day),
    index('daily_checks_day_idx').on(t.day),
    // A school's or a town's checks, for its summary: by child, then day.
    index('daily_checks_student_day_idx').on(t.studentId, t.day),
  ],
);
