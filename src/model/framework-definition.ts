import { z } from 'zod';
import { formatIssuePath } from './campaign-definition.js';
import { hasMarkup, MARKUP_IN_NAME } from './plain-name.js';

/**
 * The bureau's evaluation standard (指标体系) as an admin writes it: 大项 with points, each split
 * into 子项 with points and the way each is scored. Validated once, stored as rows
 * (db/schema/supervision.ts); `framework load FILE` replaces the one in force by a new version.
 */

/** How a sub-item gets its score (the same words as the `scoring` column). */
export const scoringWays = ['data', 'inspection', 'evidence'] as const;
export type ScoringWay = (typeof scoringWays)[number];

/**
 * The formulas a `data` sub-item may name: each turns Ducha's own numbers for a school and a
 * period into a score between 0 and the sub-item's points. A fixed list, so a file cannot ask for
 * a number Ducha does not keep.
 */
export const dataFormulas = [
  /** Full points when the school has no open dropout case (控辍保学) at the period's end, else 0. */
  'open_dropouts_zero',
  /** points × the share of the school's aided students checked (精准资助大排查) in the term. */
  'aid_check_coverage',
  /** points × the at-risk students' months with a visit (入户 or 电话) ÷ (at-risk students × the period's months). */
  'visits_per_at_risk',
  /** points × answered ÷ expected over the period's rounds of the teachers' monthly campaign. */
  'checkin_completion',
  /** points × the share of the principal's reports of the period (月安排、学期计划、总结、汇报) filed on time. */
  'principal_reports_on_time',
  /** points × the share of the school's 预警 students visited in the period (register follow-up). */
  'alert_followup',
] as const;
export type DataFormula = (typeof dataFormulas)[number];

// Messages here are the file's complaints (model imports no texts, like campaign-definition.ts).
/** A text YAML may read as a number (`2.1`, `2027`): the complaint says how to keep it text. A missing one gets zod's own. */
const quotedText = (example: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? undefined : `应为文本；在 YAML 中请加引号，例如 "${example}"`) });
const plainWords = (max: number, text = z.string()) =>
  text
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !hasMarkup(v), { message: MARKUP_IN_NAME });

/** Stored as numeric(6,1): positive, at most one decimal place. */
const points = z
  .number()
  .positive()
  .max(1000)
  .refine((v) => Math.abs(Math.round(v * 10) - v * 10) < 1e-6, { message: '分值最多一位小数，例如 2.5' });

const subItemSchema = z.strictObject({
  /** Short and stable (`2.1`): what inspections and evidence name. */
  code: quotedText('2.1')
    .regex(/^[0-9A-Za-z][0-9A-Za-z._-]{0,15}$/, { message: '应为简短的编号（字母、数字、点、连字符），例如 2.1' }),
  name: plainWords(60),
  points,
  scoring: z.enum(scoringWays),
  formula: z.enum(dataFormulas).optional(),
  /** What to file or to look for, shown to schools and inspectors. */
  guidance: plainWords(500).optional(),
});

const itemSchema = z.strictObject({
  name: plainWords(40),
  points,
  subItems: z.array(subItemSchema).min(1).max(30),
});

/** The file's shape; the rules across fields (sums, unique codes, formulas) are checkRules below. */
const frameworkFileSchema = z.strictObject({
  /** As the bureau names it (`2026版`); a version once loaded is never changed. */
  version: plainWords(40, quotedText('2027')),
  title: plainWords(60),
  /** The shipped default: an example the bureau replaces with its own. */
  example: z.boolean().default(false),
  items: z.array(itemSchema).min(1).max(30),
});

export type FrameworkDefinition = z.output<typeof frameworkFileSchema>;
export type FrameworkItemDefinition = FrameworkDefinition['items'][number];
export type FrameworkSubItemDefinition = FrameworkItemDefinition['subItems'][number];

const record = (v: unknown): Record<string, unknown> | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const tenths = (v: number) => Math.round(v * 10);
const valid = (v: unknown): v is number => points.safeParse(v).success;
type Issue = { path: (string | number)[]; message: string };

/**
 * The rules across fields, read defensively (the value may be partly bad): each item's sub-items
 * add up to its points; item names and sub-item codes are unique; `data` names a formula and the
 * other ways do not.
 */
function checkRules(file: unknown): Issue[] {
  const issues: Issue[] = [];
  const codes = new Map<string, string>();
  const names = new Set<string>();
  list(record(file)?.items).forEach((rawItem, i) => {
    const item = record(rawItem);
    if (!item) return;
    if (typeof item.name === 'string') {
      if (names.has(item.name.trim())) issues.push({ path: ['items', i, 'name'], message: `大项 ${item.name} 重复` });
      names.add(item.name.trim());
    }
    const subItems = list(item.subItems).map(record);
    subItems.forEach((sub, j) => {
      if (!sub) return;
      const path = ['items', i, 'subItems', j];
      if (typeof sub.code === 'string') {
        const first = codes.get(sub.code);
        if (first) issues.push({ path: [...path, 'code'], message: `编号 ${sub.code} 重复（已见于 ${first}）` });
        else codes.set(sub.code, formatIssuePath(path));
      }
      if (sub.scoring === 'data' && sub.formula === undefined) {
        issues.push({ path: [...path, 'formula'], message: `按数据计分（data）的子项须写 formula，可选：${dataFormulas.join('、')}` });
      }
      if ((sub.scoring === 'inspection' || sub.scoring === 'evidence') && sub.formula !== undefined) {
        issues.push({ path: [...path, 'formula'], message: `只有按数据计分（data）的子项才写 formula，${sub.scoring} 子项不能写` });
      }
    });
    // Summed only when every value is a valid number of points (a bad one is reported by itself).
    const subPoints = subItems.map((s) => s?.points);
    if (valid(item.points) && subPoints.length > 0 && subPoints.every(valid)) {
      const sum = subPoints.reduce<number>((total, p) => total + tenths(p as number), 0);
      if (sum !== tenths(item.points)) {
        issues.push({ path: ['items', i, 'points'], message: `子项分值之和为 ${sum / 10}，与大项分值 ${item.points} 不符` });
      }
    }
  });
  return issues;
}

export type FrameworkFileResult = { ok: true; framework: FrameworkDefinition } | { ok: false; problems: string[] };

/**
 * A parsed file (JSON or YAML, already read into a value) → the framework, or every problem with
 * its path: the shape's and the rules', both read from the whole file, so one load names them all.
 */
export function parseFrameworkFile(value: unknown): FrameworkFileResult {
  const parsed = frameworkFileSchema.safeParse(value);
  const issues: Issue[] = [...(parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path as Issue['path'], message: i.message }))), ...checkRules(value)];
  if (parsed.success && issues.length === 0) return { ok: true, framework: parsed.data };
  return { ok: false, problems: issues.map((i) => `${formatIssuePath(i.path) || '(file)'}: ${i.message}`) };
}

/** A framework's total points (the sum of its items'), without float drift. */
export function totalPoints(items: readonly { points: number }[]): number {
  return items.reduce((total, item) => total + tenths(item.points), 0) / 10;
}
