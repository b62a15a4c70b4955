import type { Campaign } from '../../db/queries/campaigns.js';
import type { Person } from '../../db/queries/people.js';
import { upsertResponse, type StoredResponse } from '../../db/queries/responses.js';
import { findCurrentRound, type Round } from '../../db/queries/rounds.js';
import type { Answers } from '../../db/schema/responses.js';
import type { Db } from '../../db/database.js';
import { DomainError } from '../../errors.js';
import { completeAnswers } from '../forms/form-answers.js';
import { maskAnswers, type MaskedField } from '../forms/mask-answers.js';
import { responseTexts } from '../../texts/response-texts.js';
import { answersCampaign } from './campaigns-for.js';

export type RecordedResponse = {
  campaign: Campaign;
  round: Round;
  response: StoredResponse;
  /** What was stored before this answer replaced it; undefined for a first answer. */
  previous: Answers | undefined;
  /** Free-text fields in which ID or mobile numbers were masked before storing. */
  masked: MaskedField[];
};

/** Refuses (not_audience) someone the campaign does not ask: checked before their answer is read. */
export function ensureAudience(person: Person, campaign: Campaign): void {
  if (!answersCampaign(person, campaign)) throw new DomainError('not_audience', responseTexts.notYours(campaign.title));
}

/**
 * The one way an answer is stored, whether it came as text or a card form: only the campaign's
 * audience answers, always into its current round, marked late after the deadline.
 */
export async function recordResponse(
  db: Db,
  now: Date,
  input: {
    person: Person;
    campaign: Campaign;
    answers: Answers;
    /**
     * `merge`: the answers name only what changes (a text correction like 电话3户 keeps the visits
     * stored before); `replace`: they are the whole form (a card shows every field).
     */
    mode: 'merge' | 'replace';
    source: 'text' | 'card';
    roundId?: number;
    /** The campaign's current round at `now`, when the caller has just read it (in the same transaction). */
    currentRound?: Round;
  },
): Promise<RecordedResponse> {
  const { person, campaign } = input;
  ensureAudience(person, campaign);
  const round = input.currentRound ?? (await findCurrentRound(db, campaign.id, now));
  if (!round) throw new DomainError('no_round', responseTexts.noRound);
  if (input.roundId !== undefined && input.roundId !== round.id) throw new DomainError('round_closed', responseTexts.roundClosed);
  const fields = campaign.definition.form.fields;
  const { answers, masked } = maskAnswers(fields, input.answers);
  const { response, previous } = await upsertResponse(db, {
    roundId: round.id,
    personId: person.id,
    answersFor: (stored) => completeAnswers(fields, input.mode === 'merge' && stored ? { ...stored, ...answers } : answers),
    submittedAt: now,
    late: now.getTime() > round.dueAt.getTime(),
    source: input.source,
  });
  return { campaign, round, response, previous: previous?.answers, masked };
}
