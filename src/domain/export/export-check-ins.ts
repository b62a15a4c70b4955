import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../db/client.js';
import { listRoundCheckIns } from '../../db/queries/export.js';
import { findRoundByPeriod, MONTHLY_CAMPAIGN_CODE, requireCampaign } from '../../db/queries/rounds.js';
import { DomainError } from '../../errors.js';
import { isPeriod } from '../rounds/monthly-schedule.js';
import { formatIsoWithOffset } from '../time/zoned-time.js';

export const CHECK_IN_EXPORT_COLUMNS = [
  'period',
  'town',
  'school',
  'teacher',
  'open_id',
  'home_visits',
  'phone_followups',
  'new_alerts',
  'note',
  'submitted_at',
  'late',
  'revisions',
] as const;

/** One CSV row per stored check-in of the period; column names match the card's input names. */
export async function exportCheckInsCsv(db: Db, period: string, timezone: string): Promise<string> {
  if (!isPeriod(period)) throw new DomainError('bad_period', `月份格式应为 YYYY-MM，例如 2026-12（收到「${period}」）`);
  const campaign = await requireCampaign(db, MONTHLY_CAMPAIGN_CODE);
  const round = await findRoundByPeriod(db, campaign.id, period);
  const rows = round ? await listRoundCheckIns(db, round.id) : [];
  return stringify(
    rows.map((r) => [
      period,
      r.town,
      r.school,
      r.teacher,
      r.openId,
      r.homeVisits,
      r.phoneFollowups,
      r.newAlerts,
      r.note ?? '',
      formatIsoWithOffset(r.submittedAt, timezone),
      r.late ? 'true' : 'false',
      r.revisions,
    ]),
    { header: true, columns: [...CHECK_IN_EXPORT_COLUMNS] },
  );
}
