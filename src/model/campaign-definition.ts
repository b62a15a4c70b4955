import { z } from 'zod';
import { hasMarkup, MARKUP_IN_NAME } from './plain-name.js';

/**
 * What an admin writes to define a campaign: who answers, when rounds open and fall due, the
 * reminder ladder, escalation, and the form. Validated once; stored as data; no code per campaign.
 */

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: '应为时刻，例如 09:00' });
const day = z.number().int().min(1).max(31);
/** Words shown in cards and messages (a title, a label): no markup (plain-name.ts). */
const plainWords = (max: number) => z.string().min(1).max(max).refine((v) => !hasMarkup(v), { message: MARKUP_IN_NAME });

/** What a count field may be prefilled from (see domain/register/recorded-work.ts). */
export const countPrefills = ['visits.home', 'visits.phone', 'visits.video', 'visits.remote', 'alerts.new'] as const;
export type CountPrefill = (typeof countPrefills)[number];

const fieldName = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, { message: '应为小写字母、数字和下划线，例如 home_visits' });
const fieldBase = {
  name: fieldName,
  label: plainWords(20),
  /** Other words teachers use for this field in a text reply. */
  synonyms: z.array(plainWords(20)).default([]),
  required: z.boolean().default(false),
};

export const formFieldSchema = z.discriminatedUnion('type', [
  z.object({
    ...fieldBase,
    type: z.literal('count'),
    max: z.number().int().min(1).max(1_000_000).default(9999),
    /** Above this a text reply is confirmed with 是/否 before it is stored (999 is a typo more often than a month's work). */
    plausibleMax: z.number().int().min(1).max(1_000_000).default(200),
    /**
     * Collect once: the count a teacher's own records of the period give (students visited at
     * home, by phone, by video, by phone or video, or newly put on the alert register), offered
     * for confirming with one tap instead of counting again.
     */
    prefill: z.enum(countPrefills).optional(),
  }),
  z.object({ ...fieldBase, type: z.literal('text'), maxLength: z.number().int().min(1).max(2000) }),
  z.object({ ...fieldBase, type: z.literal('yes-no') }),
  z.object({ ...fieldBase, type: z.literal('choice'), options: z.array(plainWords(20)).min(2).max(20) }),
  z.object({ ...fieldBase, type: z.literal('date') }),
]);
export type FormField = z.output<typeof formFieldSchema>;

const monthly = z.object({
  cadence: z.literal('monthly'),
  opens: z.object({ day: day.max(28), time: clockTime }),
  due: z.object({ day, time: clockTime }),
});
/** Months counted from the first month of the period (1 = its first month; 13 = the month after a year). */
const periodic = z.object({
  cadence: z.enum(['quarterly', 'half-year', 'annual']),
  opens: z.object({ month: z.number().int().min(1).max(12), day: day.max(28), time: clockTime }),
  due: z.object({ month: z.number().int().min(1).max(24), day, time: clockTime }),
  /**
   * Which periods of each year have a round (1 = the first half or quarter); omitted, all do.
   * `[1]` on a half-year campaign: the annual report covers the second half, so nobody owes both.
   */
  periodsOfYear: z.array(z.number().int()).min(1).optional(),
});
/** How many periods a periodic cadence has in a year. */
export const PERIODS_PER_YEAR = { quarterly: 4, 'half-year': 2, annual: 1 } as const;
/** Counted from each school term's first day (terms come from the school calendar). */
const semester = z.object({
  cadence: z.literal('semester'),
  opens: z.object({ weeksAfterStart: z.number().int().min(0).max(20), time: clockTime }),
  due: z.object({ weeksAfterStart: z.number().int().min(0).max(26), time: clockTime }),
});
const once = z.object({
  cadence: z.literal('once'),
  period: z.string().min(1).max(20),
  opens: z.object({ at: z.iso.datetime({ offset: true }) }),
  due: z.object({ at: z.iso.datetime({ offset: true }) }),
});
export const scheduleSchema = z.discriminatedUnion('cadence', [monthly, periodic, semester, once]);
export type CampaignSchedule = z.output<typeof scheduleSchema>;

export const reminderStepSchema = z.object({
  step: z.string().regex(/^[a-z0-9-]{1,20}$/, { message: '应为简短的英文标识，例如 due-3d' }),
  /** Calendar days before the deadline (negative: after it). */
  daysBefore: z.number().int().min(-30).max(60),
  time: clockTime,
  /** `respondents`: 1:1 to each person who still owes; `principals`: each school's principal, naming them. */
  to: z.enum(['respondents', 'principals']),
});
export type ReminderStep = z.output<typeof reminderStepSchema>;

const campaignBase = {
  code: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, { message: '应为小写字母、数字和连字符组成的代码，例如 monthly-monitoring' }),
  title: plainWords(40),
  audience: z.enum(['teachers', 'principals']),
  pausesInVacation: z.boolean().default(false),
  reminders: z.array(reminderStepSchema).max(6).default([]),
  /** After this many workdays overdue an incomplete school is on the bureau's lagging list (落后约谈). */
  escalation: z.object({ afterWorkdaysOverdue: z.number().int().min(1).max(60) }).nullable().default(null),
  form: z.object({ fields: z.array(formFieldSchema).min(1).max(12) }),
  active: z.boolean().default(true),
};

/** The schedule's fields sit at the top of a campaign, so a bad value reads `campaigns[2].due.day`. */
export const campaignSchema = z
  .discriminatedUnion('cadence', [
    monthly.extend(campaignBase),
    periodic.extend(campaignBase),
    semester.extend(campaignBase),
    once.extend(campaignBase),
  ])
  .superRefine((c, ctx) => {
    if (c.cadence === 'quarterly' || c.cadence === 'half-year' || c.cadence === 'annual') checkPeriodsOfYear(c, ctx);
    const names = new Set<string>();
    c.form.fields.forEach((f, i) => {
      if (names.has(f.name)) ctx.addIssue({ code: 'custom', path: ['form', 'fields', i, 'name'], message: `字段名 ${f.name} 重复` });
      names.add(f.name);
    });
    const steps = new Set<string>();
    c.reminders.forEach((r, i) => {
      if (steps.has(r.step)) ctx.addIssue({ code: 'custom', path: ['reminders', i, 'step'], message: `提醒步骤 ${r.step} 重复` });
      steps.add(r.step);
      if (r.to === 'principals' && c.audience !== 'teachers') {
        ctx.addIssue({ code: 'custom', path: ['reminders', i, 'to'], message: '提醒校长（列出未填报的老师）只用于老师填报的事项' });
      }
    });
  });
export type CampaignDefinition = z.output<typeof campaignSchema>;

function checkPeriodsOfYear(c: { cadence: keyof typeof PERIODS_PER_YEAR; periodsOfYear?: number[] | undefined }, ctx: z.RefinementCtx): void {
  const count = PERIODS_PER_YEAR[c.cadence];
  const seen = new Set<number>();
  c.periodsOfYear?.forEach((n, i) => {
    const path = ['periodsOfYear', i];
    if (n < 1 || n > count) ctx.addIssue({ code: 'custom', path, message: `${c.cadence} 事项一年只有第 1 到第 ${count} 期，没有第 ${n} 期` });
    else if (seen.has(n)) ctx.addIssue({ code: 'custom', path, message: `第 ${n} 期写了两次` });
    seen.add(n);
  });
}

export const campaignFileSchema = z
  .object({ campaigns: z.array(campaignSchema).min(1) })
  .superRefine((file, ctx) => {
    const codes = new Set<string>();
    file.campaigns.forEach((c, i) => {
      if (codes.has(c.code)) ctx.addIssue({ code: 'custom', path: ['campaigns', i, 'code'], message: `代码 ${c.code} 重复` });
      codes.add(c.code);
    });
  });

/** `campaigns[2].due.day` — the JSON path of each bad value, as the admin's file spells it. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

export type CampaignFileResult = { ok: true; campaigns: CampaignDefinition[] } | { ok: false; problems: string[] };

export function parseCampaignFile(value: unknown): CampaignFileResult {
  const parsed = campaignFileSchema.safeParse(value);
  if (parsed.success) return { ok: true, campaigns: parsed.data.campaigns };
  return { ok: false, problems: parsed.error.issues.map((i) => `${formatIssuePath(i.path) || '(file)'}: ${i.message}`) };
}
