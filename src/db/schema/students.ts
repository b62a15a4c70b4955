import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { instant } from './columns.js';
import { people, schools } from './roster.js';

/** The register's categories (特殊群体学生), as the bureau's ledgers name them. */
export const studentCategories = ['留守儿童', '困境儿童', '残疾儿童', '脱贫家庭', '防返贫监测户', '单亲', '孤儿'] as const;
export type StudentCategory = (typeof studentCategories)[number];

/** The aid a student receives, as 资助 ledgers name it. */
export const aidKinds = ['生活补助', '营养餐', '雨露计划', '助学金', '其他'] as const;
export type AidKind = (typeof aidKinds)[number];

/** 正常 → 关注 → 预警: where a student stands on the alert register (常态化动态预警监测). */
export const alertLevels = ['normal', 'watch', 'alert'] as const;
export type AlertLevel = (typeof alertLevels)[number];

/**
 * A student the county follows. Never a national ID or 学籍号 (which embeds the ID): a student is
 * known by a school-local number. A student who left keeps the row (for history) with `leftAt`.
 */
export const students = pgTable(
  'students',
  {
    id: serial('id').primaryKey(),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id),
    /** The school's own number for the student (校内编号), unique within the school. */
    studentNo: text('student_no').notNull(),
    name: text('name').notNull(),
    className: text('class_name').notNull(),
    categories: text('categories').array().$type<StudentCategory[]>().notNull().default(sql`'{}'`),
    aid: text('aid').array().$type<AidKind[]>().notNull().default(sql`'{}'`),
    /** The teacher who mentors the student one to one (一对一帮扶), if any. */
    mentorId: integer('mentor_id').references(() => people.id),
    alertLevel: text('alert_level', { enum: alertLevels }).notNull().default('normal'),
    leftAt: instant('left_at'),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('students_school_no_key').on(t.schoolId, t.studentNo),
    index('students_school_name_idx').on(t.schoolId, t.name),
    check('students_alert_level_check', sql`${t.alertLevel} in ('normal', 'watch', 'alert')`),
  ],
);

export const visitModes = ['home', 'phone', 'video'] as const;
export type VisitMode = (typeof visitModes)[number];

export const riskFlags = ['辍学风险', '返贫风险', '资助不符', '心理健康', '安全'] as const;
export type RiskFlag = (typeof riskFlags)[number];

/**
 * One home visit (家访记录). The findings and measures are the sensitive text: `purge` empties them
 * (and sets `purgedAt`) while the row stays, so past counts still add up.
 */
export const homeVisits = pgTable(
  'home_visits',
  {
    id: serial('id').primaryKey(),
    studentId: integer('student_id')
      .notNull()
      .references(() => students.id),
    teacherId: integer('teacher_id')
      .notNull()
      .references(() => people.id),
    /** The local day of the visit (the teacher may file it later). */
    visitedOn: date('visited_on', { mode: 'string' }).notNull(),
    mode: text('mode', { enum: visitModes }).notNull(),
    findings: text('findings'),
    measures: text('measures'),
    risks: text('risks').array().$type<RiskFlag[]>().notNull().default(sql`'{}'`),
    /** The aid check (精准资助大排查), when the visit recorded it: is the aid there, does the family still qualify. */
    aidStatus: text('aid_status', { enum: ['full', 'partial', 'none'] }),
    eligibility: text('eligibility', { enum: ['eligible', 'ineligible', 'unverified'] }),
    recordedAt: instant('recorded_at').notNull(),
    purgedAt: instant('purged_at'),
  },
  (t) => [
    index('home_visits_student_idx').on(t.studentId, t.visitedOn),
    index('home_visits_teacher_idx').on(t.teacherId, t.visitedOn),
    // The summaries read a month's visits of every school: by day first, with what they count.
    index('home_visits_day_idx').on(t.visitedOn, t.studentId, t.mode),
    // The aid check's coverage reads a term of visits, of which few record the check.
    index('home_visits_aid_check_idx')
      .on(t.visitedOn, t.studentId)
      .where(sql`(${t.aidStatus} is not null or ${t.eligibility} is not null)`),
    check('home_visits_mode_check', sql`${t.mode} in ('home', 'phone', 'video')`),
  ],
);

/** Every change of a student's alert level, never overwritten: who, when, why. */
export const alertChanges = pgTable(
  'alert_changes',
  {
    id: serial('id').primaryKey(),
    studentId: integer('student_id')
      .notNull()
      .references(() => students.id),
    fromLevel: text('from_level', { enum: alertLevels }).notNull(),
    toLevel: text('to_level', { enum: alertLevels }).notNull(),
    reason: text('reason'),
    byId: integer('by_id').references(() => people.id),
    visitId: integer('visit_id').references(() => homeVisits.id),
    at: instant('at').notNull(),
    purgedAt: instant('purged_at'),
  },
  (t) => [index('alert_changes_student_idx').on(t.studentId, t.at), index('alert_changes_by_idx').on(t.byId, t.at)],
);

/** Where an audited act came from. */
export const auditChannels = ['chat', 'card', 'cli'] as const;

/**
 * Every read of a student's detail and every change to children's data: who (with their role at
 * the time), which student, what, when, from which chat. Rows are only ever added.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: serial('id').primaryKey(),
    at: instant('at').notNull(),
    /** Null for the CLI, which runs as the server's operator. */
    personId: integer('person_id').references(() => people.id),
    role: text('role').notNull(),
    action: text('action').notNull(),
    studentId: integer('student_id').references(() => students.id),
    channel: text('channel', { enum: auditChannels }).notNull(),
    chatId: text('chat_id'),
    /** What was read or changed, in words an auditor reads (never the findings text itself). */
    detail: text('detail'),
  },
  (t) => [index('audit_log_student_idx').on(t.studentId, t.at), index('audit_log_person_idx').on(t.personId, t.at)],
);
