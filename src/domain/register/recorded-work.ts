import type { Db } from '../../db/database.js';
import type { Campaign } from '../../db/queries/campaigns.js';
import type { Round } from '../../db/queries/rounds.js';
import { countRecordedWork } from '../../db/queries/students.js';
import type { Answers } from '../../db/schema/responses.js';
import type { CountPrefill } from '../../model/campaign-definition.js';
import { zonedInstant } from '../time/zoned-time.js';

export type RecordedWork = { home: number; phone: number; video: number; remote: number; newAlerts: number };

/** The campaign's count fields that its teachers' own records can fill (collect once), if any. */
export function prefillFields(campaign: Campaign): { name: string; label: string; prefill: CountPrefill }[] {
  return campaign.definition.form.fields.flatMap((f) => (f.type === 'count' && f.prefill ? [{ name: f.name, label: f.label, prefill: f.prefill }] : []));
}

/**
 * What a teacher recorded in a monthly round's month (`2026-12`): students visited per mode and
 * newly put on the register. Undefined for a round that is not a month.
 */
export async function recordedWorkIn(db: Db, teacherId: number, round: Pick<Round, 'period'>, timezone: string): Promise<RecordedWork | undefined> {
  const month = /^(\d{4})-(\d{2})$/.exec(round.period);
  if (!month) return undefined;
  const year = Number(month[1]);
  const m = Number(month[2]);
  const next = m === 12 ? { year: year + 1, month: 1 } : { year, month: m + 1 };
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return countRecordedWork(
    db,
    teacherId,
    { from: `${round.period}-01`, to: `${round.period}-${String(lastDay).padStart(2, '0')}` },
    { from: zonedInstant(timezone, { year, month: m, day: 1, hour: 0, minute: 0 }), to: zonedInstant(timezone, { ...next, day: 1, hour: 0, minute: 0 }) },
  );
}

const VALUE: Record<CountPrefill, (w: RecordedWork) => number> = {
  'visits.home': (w) => w.home,
  'visits.phone': (w) => w.phone,
  'visits.video': (w) => w.video,
  'visits.remote': (w) => w.remote,
  'alerts.new': (w) => w.newAlerts,
};

/** Whether the teacher recorded anything at all (else they count as before). */
export const recordedAnything = (w: RecordedWork) => w.home + w.phone + w.video + w.newAlerts > 0;

/** The answers the records give, by field name; undefined when nothing was recorded (the teacher counts as before). */
export function answersFromRecords(campaign: Campaign, work: RecordedWork): Answers | undefined {
  const fields = prefillFields(campaign);
  if (fields.length === 0 || !recordedAnything(work)) return undefined;
  return Object.fromEntries(fields.map((f) => [f.name, VALUE[f.prefill](work)]));
}
