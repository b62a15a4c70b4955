import type { Campaign } from '../../db/queries/campaigns.js';
import { listRecentRounds, listRoundsByPeriods, type Round } from '../../db/queries/rounds.js';
import type { Db } from '../../db/database.js';

/**
 * What a summary covers: a period's label as the officer named it (`2026-12`, `2026-Q4`, `2026`,
 * `2026-H2`, a term's name) and the campaign's rounds in it. A quarter or a year of a monthly
 * campaign is its months' rounds, summed.
 */
export type PeriodSelection = { label: string; rounds: Round[] };

const MONTH = /^(\d{4})-(\d{2})$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const HALF = /^(\d{4})-H([12])$/;
const YEAR = /^(\d{4})$/;

const pad = (n: number) => String(n).padStart(2, '0');
const monthsOf = (year: number, first: number, count: number) => Array.from({ length: count }, (_, i) => `${year}-${pad(first + i)}`);

/** The months a longer label spans, or undefined for a month or a label that is not a calendar span. */
function monthsIn(label: string): string[] | undefined {
  const q = QUARTER.exec(label);
  if (q) return monthsOf(Number(q[1]), (Number(q[2]) - 1) * 3 + 1, 3);
  const h = HALF.exec(label);
  if (h) return monthsOf(Number(h[1]), Number(h[2]) === 1 ? 1 : 7, 6);
  const y = YEAR.exec(label);
  return y ? monthsOf(Number(y[1]), 1, 12) : undefined;
}

/** The months a calendar label covers (a month is itself), or undefined for a term's name. */
export function monthsOfLabel(label: string): string[] | undefined {
  return MONTH.test(label) ? [label] : monthsIn(label);
}

/** The label of the same length just before: 2026-01 → 2025-12, 2026-Q1 → 2025-Q4, 2026 → 2025; undefined for a term's name. */
export function previousLabel(label: string): string | undefined {
  const m = MONTH.exec(label);
  if (m) {
    const index = Number(m[1]) * 12 + Number(m[2]) - 2;
    return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
  }
  const q = QUARTER.exec(label);
  if (q) return Number(q[2]) === 1 ? `${Number(q[1]) - 1}-Q4` : `${q[1]}-Q${Number(q[2]) - 1}`;
  const h = HALF.exec(label);
  if (h) return Number(h[2]) === 1 ? `${Number(h[1]) - 1}-H2` : `${h[1]}-H1`;
  const y = YEAR.exec(label);
  return y ? String(Number(y[1]) - 1) : undefined;
}

/** The first local day of a label's span and the first day after it (`YYYY-MM-DD`), for a calendar label. */
export function dayWindowOf(label: string): { from: string; until: string } | undefined {
  const months = MONTH.test(label) ? [label] : monthsIn(label);
  if (!months) return undefined;
  const last = MONTH.exec(months[months.length - 1]!)!;
  const index = Number(last[1]) * 12 + Number(last[2]);
  return { from: `${months[0]}-01`, until: `${Math.floor(index / 12)}-${pad((index % 12) + 1)}-01` };
}

/** The campaign's rounds for a label: its own round of that period, else (a monthly campaign) the months' rounds. */
export async function roundsForLabel(db: Db, campaign: Campaign, label: string): Promise<Round[]> {
  const own = await listRoundsByPeriods(db, campaign.id, [label]);
  if (own.length > 0 || campaign.definition.cadence !== 'monthly') return own;
  const months = monthsIn(label);
  return months ? listRoundsByPeriods(db, campaign.id, months) : [];
}

/**
 * The selection before this one (▲/▼ compare against it): the label before for a calendar label,
 * else the round opened just before the selection's first.
 */
export async function previousSelection(db: Db, campaign: Campaign, selection: PeriodSelection): Promise<PeriodSelection | undefined> {
  const label = previousLabel(selection.label);
  if (label !== undefined) {
    const rounds = await roundsForLabel(db, campaign, label);
    return rounds.length > 0 ? { label, rounds } : undefined;
  }
  const first = selection.rounds[0];
  if (!first) return undefined;
  const [before] = await listRecentRounds(db, campaign.id, new Date(first.opensAt.getTime() - 1), 1);
  return before ? { label: before.period, rounds: [before] } : undefined;
}

/** The last `n` selections up to this one, oldest first, for the trend chart (periods without rounds left out). */
export async function trendSelections(db: Db, campaign: Campaign, selection: PeriodSelection, n: number): Promise<PeriodSelection[]> {
  if (previousLabel(selection.label) === undefined) {
    const last = selection.rounds[selection.rounds.length - 1];
    if (!last) return [];
    const rounds = await listRecentRounds(db, campaign.id, last.opensAt, n);
    return rounds.reverse().map((r) => ({ label: r.period, rounds: [r] }));
  }
  const labels = [selection.label];
  while (labels.length < n) labels.unshift(previousLabel(labels[0]!)!);
  const spans = labels.map((label) => ({ label, months: campaign.definition.cadence === 'monthly' ? (monthsIn(label) ?? [label]) : [label] }));
  const rounds = await listRoundsByPeriods(db, campaign.id, [...labels, ...spans.flatMap((s) => s.months)]);
  const byPeriod = new Map(rounds.map((r) => [r.period, r]));
  return spans
    .map(({ label, months }) => {
      const own = byPeriod.get(label);
      return { label, rounds: own ? [own] : months.map((m) => byPeriod.get(m)).filter((r): r is Round => r !== undefined) };
    })
    .filter((s) => s.rounds.length > 0);
}
