import { stringify } from 'csv-stringify/sync';
import type { Campaign } from '../../db/queries/campaigns.js';
import { listRoundResponses } from '../../db/queries/export.js';
import { findRoundByPeriod } from '../../db/queries/rounds.js';
import type { Db } from '../../db/database.js';
import { DomainError } from '../../errors.js';
import { formatIsoWithOffset } from '../time/zoned-time.js';

/** Excel reads a CSV without it as the local code page (GBK on a Chinese Windows): 汉字 turn to mojibake. */
export const UTF8_BOM = '\uFEFF';

export type ResponsesCsv = {
  /** The whole file, BOM first. */
  csv: string;
  /** The free-text columns left empty (every `text` field unless `withFreeText`). */
  withheld: string[];
};

/**
 * One CSV row per stored answer of the period. The columns come from the campaign's form, so
 * they match the card's input names (for the monthly check-in: home_visits, phone_followups, …).
 * Free-text fields (the check-in's note) can name a child, so they stay empty unless asked for;
 * the header keeps them, so the columns are the same either way.
 */
export async function exportResponsesCsv(
  db: Db,
  campaign: Campaign,
  input: { period: string; timezone: string; withFreeText: boolean },
): Promise<ResponsesCsv> {
  const { period } = input;
  if (!/^[\w-]{1,20}$/.test(period)) throw new DomainError('bad_period', `期次格式不对，例如 2026-12（收到「${period}」）`);
  if (campaign.definition.cadence === 'monthly' && !/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) {
    throw new DomainError('bad_period', `月份格式应为 YYYY-MM，例如 2026-12（收到「${period}」）`);
  }
  const fields = campaign.definition.form.fields;
  const withheld = input.withFreeText ? [] : fields.filter((f) => f.type === 'text').map((f) => f.name);
  const round = await findRoundByPeriod(db, campaign.id, period);
  const rows = round ? await listRoundResponses(db, round.id) : [];
  const who = campaign.audience === 'principals' ? 'principal' : 'teacher';
  const columns = ['period', 'town', 'school', who, 'open_id', ...fields.map((f) => f.name), 'submitted_at', 'late', 'revisions'];
  const records = rows.map((r) => [
    period,
    r.town ?? '',
    r.school ?? '',
    r.name,
    r.openId,
    ...fields.map((f) => (withheld.includes(f.name) ? '' : csvValue(r.answers[f.name]))),
    formatIsoWithOffset(r.submittedAt, input.timezone),
    r.late ? 'true' : 'false',
    String(r.revisions),
  ]);
  return { csv: UTF8_BOM + stringify(records.map((cells) => cells.map(neutralizeFormula)), { header: true, columns }), withheld };
}

const csvValue = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v));

/**
 * A cell starting with = + - @ (or tab / CR) is a formula to Excel and WPS: `=HYPERLINK(…)` in a
 * note would run when the bureau opens the file. OWASP's remedy: a leading ' makes it text.
 */
export function neutralizeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
