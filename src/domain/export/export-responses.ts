import { stringify } from 'csv-stringify/sync';
import type { Campaign } from '../../db/queries/campaigns.js';
import { listRoundResponses } from '../../db/queries/export.js';
import { findRoundByPeriod } from '../../db/queries/rounds.js';
import type { Db } from '../../db/database.js';
import { DomainError } from '../../errors.js';
import { formatIsoWithOffset } from '../time/zoned-time.js';

/**
 * One CSV row per stored answer of the period. The columns come from the campaign's form, so
 * they match the card's input names (for the monthly check-in: home_visits, phone_followups, …).
 */
export async function exportResponsesCsv(db: Db, campaign: Campaign, period: string, timezone: string): Promise<string> {
  if (!/^[\w-]{1,20}$/.test(period)) throw new DomainError('bad_period', `期次格式不对，例如 2026-12（收到「${period}」）`);
  if (campaign.definition.cadence === 'monthly' && !/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) {
    throw new DomainError('bad_period', `月份格式应为 YYYY-MM，例如 2026-12（收到「${period}」）`);
  }
  const fields = campaign.definition.form.fields;
  const round = await findRoundByPeriod(db, campaign.id, period);
  const rows = round ? await listRoundResponses(db, round.id) : [];
  const who = campaign.audience === 'principals' ? 'principal' : 'teacher';
  const columns = ['period', 'town', 'school', who, 'open_id', ...fields.map((f) => f.name), 'submitted_at', 'late', 'revisions'];
  return stringify(
    rows.map((r) => [
      period,
      r.town ?? '',
      r.school ?? '',
      r.name,
      r.openId,
      ...fields.map((f) => csvValue(r.answers[f.name])),
      formatIsoWithOffset(r.submittedAt, timezone),
      r.late ? 'true' : 'false',
      r.revisions,
    ]),
    { header: true, columns },
  );
}

const csvValue = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v));
