import { z } from 'zod';
import { upsertCheckIn, type CheckIn, type CheckInValues } from '../../db/queries/check-ins.js';
import type { Person } from '../../db/queries/people.js';
import { findCurrentRound, MONTHLY_CAMPAIGN_CODE, requireCampaign, type Round } from '../../db/queries/rounds.js';
import type { Db } from '../../db/client.js';
import { DomainError } from '../../errors.js';
import { checkInTexts } from '../../texts/check-in-texts.js';

export const MAX_COUNT = 9999;
export const MAX_NOTE_LENGTH = 500;

export type RecordedCheckIn = { round: Round; checkIn: CheckIn; replaced: boolean };

/**
 * The one way a check-in is stored, whether it came as text, as a card form or from elsewhere:
 * only teachers answer, always into the current round, late after its deadline.
 */
export async function recordCheckIn(
  db: Db,
  now: Date,
  input: { person: Person; values: CheckInValues; source: 'text' | 'card'; roundId?: number },
): Promise<RecordedCheckIn> {
  if (input.person.role !== 'teacher') throw new DomainError('not_teacher', checkInTexts.onlyTeachers);
  const values = validateValues(input.values);
  const round = await findCurrentRoundOf(db, now);
  if (!round) throw new DomainError('no_round', checkInTexts.noRound);
  if (input.roundId !== undefined && input.roundId !== round.id) {
    throw new DomainError('round_closed', checkInTexts.roundClosed);
  }
  const { checkIn, replaced } = await upsertCheckIn(db, {
    ...values,
    roundId: round.id,
    personId: input.person.id,
    submittedAt: now,
    late: now.getTime() > round.dueAt.getTime(),
    source: input.source,
  });
  return { round, checkIn, replaced };
}

export async function findCurrentRoundOf(db: Db, now: Date): Promise<Round | undefined> {
  const campaign = await requireCampaign(db, MONTHLY_CAMPAIGN_CODE);
  return findCurrentRound(db, campaign.id, now);
}

const count = (label: string) =>
  z.number({ error: checkInTexts.badNumber(label) }).int(checkInTexts.badNumber(label)).min(0, checkInTexts.badNumber(label)).max(MAX_COUNT, checkInTexts.badNumber(label));

const valuesSchema = z.object({
  homeVisits: count(checkInTexts.fieldLabels.home_visits),
  phoneFollowups: count(checkInTexts.fieldLabels.phone_followups),
  newAlerts: count(checkInTexts.fieldLabels.new_alerts),
  note: z.string().max(MAX_NOTE_LENGTH, checkInTexts.noteTooLong(MAX_NOTE_LENGTH)).nullable(),
});

function validateValues(values: CheckInValues): CheckInValues {
  const parsed = valuesSchema.safeParse(values);
  if (!parsed.success) throw new DomainError('invalid_check_in', parsed.error.issues[0]!.message);
  const note = parsed.data.note?.trim();
  return { ...parsed.data, note: note ? note : null };
}

/**
 * Reads the prompt card's form (`home_visits`, `phone_followups`, `new_alerts`, `note`):
 * empty counts are 0; anything else must be a whole number, or the teacher is told which field.
 */
export function checkInValuesFromForm(form: Record<string, unknown>): CheckInValues {
  const readCount = (name: 'home_visits' | 'phone_followups' | 'new_alerts') => {
    const raw = String(form[name] ?? '').trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
    if (raw === '') return 0;
    if (!/^\d{1,4}$/.test(raw)) throw new DomainError('invalid_check_in', checkInTexts.badNumber(checkInTexts.fieldLabels[name]));
    return Number(raw);
  };
  const note = typeof form.note === 'string' ? form.note : '';
  return {
    homeVisits: readCount('home_visits'),
    phoneFollowups: readCount('phone_followups'),
    newAlerts: readCount('new_alerts'),
    note: note.trim() ? note.trim() : null,
  };
}
