import type { Campaign } from '../../db/queries/campaigns.js';
import type { Db } from '../../db/database.js';
import { listMissingRespondents } from '../../db/queries/people.js';
import { findSchoolPlace, type SchoolPlace } from '../../db/queries/progress.js';
import { findResponse } from '../../db/queries/responses.js';
import { listRecentRounds, type Round } from '../../db/queries/rounds.js';
import { tallyRoundBySchool } from '../../db/queries/summary.js';
import type { CampaignsNow, OpenRound } from '../responses/campaigns-for.js';
import { tallyChildren, visitMonthOf, type ChildCounts } from '../summary/children-counts.js';

/** Who was expected, how many answered (`late` of them after the deadline), and the sums of the count fields. */
export type ProgressTally = { expected: number; answered: number; late: number; sums: Record<string, number> };

/** A teachers' campaign at one school: its numbers now, against the school's previous round. */
export type TeachersProgress = {
  kind: 'teachers';
  campaign: Campaign;
  round: Round;
  pastDue: boolean;
  columns: { name: string; label: string }[];
  tally: ProgressTally;
  previous: (ProgressTally & { period: string }) | undefined;
  /** Active teachers who have not answered the round. */
  missingCount: number;
  /** Their names, in roster order: only when asked with names (1:1 to the principal). */
  missingNames: string[] | undefined;
  /** The school's children in numbers for the round's month, when the round has one. */
  children: { month: string; counts: ChildCounts } | undefined;
};

/** A principals' campaign: whether the principal asking filed this round. */
export type PrincipalsProgress = {
  kind: 'principals';
  campaign: Campaign;
  round: Round;
  pastDue: boolean;
  filed: { submittedAt: Date; late: boolean; revisions: number } | undefined;
};

export type CampaignProgress = TeachersProgress | PrincipalsProgress;
export type SchoolProgress = { place: SchoolPlace; sections: CampaignProgress[] };

/**
 * A principal's view of their own school for every active campaign with a current round: the
 * teachers' campaigns in numbers (names of who owes only `withNames`), the principals' campaigns
 * as their own filing. Never another school: the school is the principal's own.
 */
export async function readSchoolProgress(
  db: Db,
  o: { schoolId: number; principalId: number; campaigns: CampaignsNow; now: Date; withNames: boolean },
): Promise<SchoolProgress> {
  const place = await findSchoolPlace(db, o.schoolId);
  if (!place) throw new Error(`school ${o.schoolId} vanished`);
  const open = o.campaigns
    .filter((c): c is OpenRound => c.round !== undefined)
    // Teachers' campaigns first (the school's work), then the principal's own reports; soonest deadline first.
    .sort((a, b) => rank(a.campaign) - rank(b.campaign) || a.round.dueAt.getTime() - b.round.dueAt.getTime());
  const sections: CampaignProgress[] = [];
  for (const { campaign, round } of open) {
    const pastDue = o.now.getTime() > round.dueAt.getTime();
    if (campaign.audience === 'principals') {
      const stored = await findResponse(db, round.id, o.principalId);
      const filed = stored && { submittedAt: stored.submittedAt, late: stored.late, revisions: stored.revisions };
      sections.push({ kind: 'principals', campaign, round, pastDue, filed });
    } else {
      sections.push(await teachersProgress(db, { ...o, campaign, round, pastDue }));
    }
  }
  return { place, sections };
}

const rank = (c: Campaign) => (c.audience === 'teachers' ? 0 : 1);

async function teachersProgress(
  db: Db,
  o: { schoolId: number; campaign: Campaign; round: Round; pastDue: boolean; now: Date; withNames: boolean },
): Promise<TeachersProgress> {
  const { campaign, round } = o;
  const columns = campaign.definition.form.fields.filter((f) => f.type === 'count').map((f) => ({ name: f.name, label: f.label }));
  const tallyOf = async (roundId: number): Promise<ProgressTally> => {
    const [row] = await tallyRoundBySchool(db, { roundId, role: 'teacher', countFields: columns.map((c) => c.name), schoolId: o.schoolId });
    return row ? { expected: row.expected, answered: row.answered, late: row.late, sums: row.sums } : { expected: 0, answered: 0, late: 0, sums: {} };
  };
  // The round before the current one, of the same campaign: what the change is measured against.
  const recent = await listRecentRounds(db, campaign.id, o.now, 2);
  const before = recent[0]?.id === round.id ? recent[1] : undefined;
  const month = visitMonthOf(round.period, undefined);
  const [tally, previous, missing, children] = await Promise.all([
    tallyOf(round.id),
    before ? tallyOf(before.id).then((t) => ({ ...t, period: before.period })) : undefined,
    o.withNames ? listMissingRespondents(db, round.id, 'teacher', o.schoolId) : undefined,
    month === undefined ? undefined : tallyChildren(db, { schoolId: o.schoolId, month }),
  ]);
  const counts = children?.bySchool.get(o.schoolId);
  return {
    kind: 'teachers',
    campaign,
    round,
    pastDue: o.pastDue,
    columns,
    tally,
    previous,
    missingCount: Math.max(0, tally.expected - tally.answered),
    missingNames: missing?.map((m) => m.name),
    children: month !== undefined && counts ? { month, counts } : undefined,
  };
}

/** Completion in percent (nobody expected counts as complete). */
export const completion = (t: { answered: number; expected: number }) => (t.expected === 0 ? 100 : (t.answered / t.expected) * 100);

/** The change against the previous round: percentage points of completion, and each count's difference. */
export function changeSince(now: ProgressTally, previous: ProgressTally, columns: readonly { name: string }[]): { points: number; sums: Record<string, number> } {
  return {
    points: Math.round(completion(now) - completion(previous)),
    sums: Object.fromEntries(columns.map((c) => [c.name, (now.sums[c.name] ?? 0) - (previous.sums[c.name] ?? 0)])),
  };
}
