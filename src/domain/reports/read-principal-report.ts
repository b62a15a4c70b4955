import { findCampaignById, type Campaign } from '../../db/queries/campaigns.js';
import type { Db } from '../../db/database.js';
import { listActivePrincipals } from '../../db/queries/people.js';
import { findSchoolPlace, listPrincipalReports, type PrincipalReport, type SchoolPlace } from '../../db/queries/progress.js';
import { findRoundById, type Round } from '../../db/queries/rounds.js';
import { DomainError } from '../../errors.js';
import { reportTexts } from '../../texts/report-texts.js';

/** A principal's report for one round and school, as stored; `reports` is empty when none was filed. */
export type PrincipalReportView = {
  campaign: Campaign;
  round: Round;
  place: SchoolPlace;
  pastDue: boolean;
  reports: PrincipalReport[];
  /** The school's active principals, named when nothing was filed. */
  principals: string[];
};

/**
 * What the school's principal filed for a round of a principals' campaign (月有安排 …). Who may
 * read it is the caller's decision (the bureau and admins); this only reads.
 */
export async function readPrincipalReport(db: Db, o: { roundId: number; schoolId: number; now: Date }): Promise<PrincipalReportView> {
  const [round, place] = await Promise.all([findRoundById(db, o.roundId), findSchoolPlace(db, o.schoolId)]);
  if (!round) throw new DomainError('no_round', reportTexts.unknownRound);
  if (!place) throw new DomainError('unknown_place', reportTexts.unknownSchool);
  const campaign = await findCampaignById(db, round.campaignId);
  if (!campaign) throw new DomainError('no_round', reportTexts.unknownRound);
  if (campaign.audience !== 'principals') throw new DomainError('not_audience', reportTexts.notPrincipals);
  const [reports, principals] = await Promise.all([listPrincipalReports(db, { roundId: round.id, schoolId: place.schoolId }), listActivePrincipals(db, place.schoolId)]);
  return { campaign, round, place, pastDue: o.now.getTime() > round.dueAt.getTime(), reports, principals: principals.map((p) => p.name) };
}
