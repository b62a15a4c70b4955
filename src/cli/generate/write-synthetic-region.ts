import type { Db } from '../../db/database.js';
import { MONTHLY_CAMPAIGN_CODE, requireCampaign } from '../../db/queries/campaigns.js';
import {
  analyzeGeneratedTables,
  deleteGeneratedRows,
  holdsRoster,
  insertSyntheticAnswers,
  insertSyntheticRoster,
} from '../../db/queries/synthetic-region.js';
import { insertSyntheticFollowups } from '../../db/queries/synthetic-followups.js';
import { insertSyntheticStudents } from '../../db/queries/synthetic-students.js';
import { insertSyntheticSupervision, type SupervisionCounts } from '../../db/queries/synthetic-supervision.js';
import { findActiveFramework } from '../../db/queries/frameworks.js';
import { ensureDefaultFramework } from '../../domain/framework/default-framework.js';
import { DomainError } from '../../errors.js';
import { generateTexts } from '../../texts/cli-texts.js';
import { planSyntheticRegion, type RegionPlan, type RegionSize } from './synthetic-region.js';

export type GenerateReport = {
  towns: number;
  schools: number;
  principals: number;
  teachers: number;
  rounds: number;
  responses: number;
  students: number;
  visits: number;
  aidChecked: number;
  dropoutCases: number;
  dailyChecks: number;
} & SupervisionCounts & {
  ms: number;
  responsesPerSecond: number;
};

/** The generated bureau officer (db/queries/synthetic-region.ts): the inspector and evidence reviewer. */
const BUREAU_OFFICER_OPEN_ID = 'ou_gen_b1';

/** A rural school's special-group register and the rest of its followed children, roughly. */
const STUDENTS_PER_SCHOOL = 60;

type Progress = (msg: string, fields?: Record<string, unknown>) => void;

/**
 * Fills the database with a synthetic region from its plan (db/queries/synthetic-region.ts
 * writes it set-based); a database holding a roster is refused unless `force` empties it first.
 */
export async function writeSyntheticRegion(
  db: Db,
  plan: RegionPlan,
  options: { now: Date; timezone: string; force?: boolean; progress?: Progress },
): Promise<GenerateReport> {
  const started = performance.now();
  const progress = options.progress ?? (() => {});
  if (await holdsRoster(db)) {
    if (!options.force) throw new DomainError('roster_exists', generateTexts.rosterExists);
    await deleteGeneratedRows(db);
    progress(generateTexts.removed);
  }
  const campaign = await requireCampaign(db, MONTHLY_CAMPAIGN_CODE);
  await insertSyntheticRoster(db, plan, { campaignId: campaign.id, now: options.now });
  progress(generateTexts.rosterWritten, { towns: plan.towns.length, schools: plan.schools.length, teachers: plan.teachers, rounds: plan.rounds.length });
  const responses = await insertSyntheticAnswers(db, plan, { campaignId: campaign.id, now: options.now, progress });
  // Children and their visits for the last year of rounds: what the summaries count besides the answers.
  const months = plan.rounds.slice(-12).map((r) => r.period);
  const { students, visits } = await insertSyntheticStudents(db, { seed: plan.seed, perSchool: STUDENTS_PER_SCHOOL, months, now: options.now, progress });
  // Their follow-up: the aid check on those visits, dropout cases, and 每天一问 over the last month's school days.
  const lastMonth = months.at(-1);
  const followups = await insertSyntheticFollowups(db, { seed: plan.seed, month: lastMonth ?? '', schoolDays: lastMonth ? weekdaysOf(lastMonth) : [], now: options.now, progress });
  // 一月一督查 over the same year, on the framework in force (the shipped example on a fresh database).
  await ensureDefaultFramework(db, options.now);
  const framework = (await findActiveFramework(db))!;
  const supervision = await insertSyntheticSupervision(db, {
    seed: plan.seed,
    frameworkId: framework.id,
    months,
    schools: plan.schools,
    inspectorOpenId: BUREAU_OFFICER_OPEN_ID,
    timezone: options.timezone,
    now: options.now,
    progress,
  });
  await analyzeGeneratedTables(db);
  const ms = performance.now() - started;
  return {
    towns: plan.towns.length,
    schools: plan.schools.length,
    principals: plan.schools.length,
    teachers: plan.teachers,
    rounds: plan.rounds.length,
    responses,
    students,
    visits,
    ...followups,
    ...supervision,
    ms: Math.round(ms),
    responsesPerSecond: Math.round(responses / (ms / 1000)),
  };
}

/** Plans and writes a region with the monthly campaign's schedule as stored. */
export async function generateRegion(
  db: Db,
  input: { size: RegionSize; seed: number; years: number; now: Date; timezone: string; force?: boolean; progress?: Progress },
): Promise<GenerateReport & { plan: RegionPlan }> {
  const campaign = await requireCampaign(db, MONTHLY_CAMPAIGN_CODE);
  const def = campaign.definition;
  if (def.cadence !== 'monthly') throw new Error(`campaign ${MONTHLY_CAMPAIGN_CODE} is not monthly`);
  const plan = planSyntheticRegion({ size: input.size, seed: input.seed, years: input.years, now: input.now, timezone: input.timezone, schedule: def });
  const report = await writeSyntheticRegion(db, plan, { now: input.now, timezone: input.timezone, force: input.force ?? false, ...(input.progress ? { progress: input.progress } : {}) });
  return { ...report, plan };
}

/** Monday to Friday of a month (`2026-12`), as local dates: the generator's school days. */
function weekdaysOf(month: string): string[] {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return Array.from({ length: days }, (_, i) => new Date(Date.UTC(year, m - 1, i + 1)))
    .filter((d) => d.getUTCDay() !== 0 && d.getUTCDay() !== 6)
    .map((d) => d.toISOString().slice(0, 10));
}
