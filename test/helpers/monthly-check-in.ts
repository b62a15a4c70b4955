import type { Db } from '../../src/db/database.js';
import { MONTHLY_CAMPAIGN_CODE, requireCampaign } from '../../src/db/queries/campaigns.js';
import type { Person } from '../../src/db/queries/people.js';
import { completeAnswers } from '../../src/domain/forms/form-answers.js';
import { recordResponse } from '../../src/domain/responses/record-response.js';

export type MonthlyValues = { homeVisits: number; phoneFollowups: number; newAlerts: number; note: string | null };

/** Stores a monthly check-in through the same verb chat and cards use. */
export async function recordMonthlyCheckIn(
  db: Db,
  now: Date,
  input: { person: Person; source: 'text' | 'card'; values: MonthlyValues },
) {
  const campaign = await requireCampaign(db, MONTHLY_CAMPAIGN_CODE);
  const v = input.values;
  const answers = completeAnswers(campaign.definition.form.fields, {
    home_visits: v.homeVisits,
    phone_followups: v.phoneFollowups,
    new_alerts: v.newAlerts,
    note: v.note,
  });
  return recordResponse(db, now, { person: input.person, campaign, answers, mode: 'replace', source: input.source });
}
