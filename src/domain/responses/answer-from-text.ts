import type { Person } from '../../db/queries/people.js';
import type { Db } from '../../db/database.js';
import { DomainError, isDomainError } from '../../errors.js';
import { answersFromText, type TextAnswers } from '../forms/form-answers.js';
import type { NormalizedText } from '../text/normalize-text.js';
import type { CampaignDefinition } from '../../model/campaign-definition.js';
import { campaignsFor, type CampaignsNow, type OpenRound } from './campaigns-for.js';
import { recordResponse, type RecordedResponse } from './record-response.js';

type Reading = { open: OpenRound; read: TextAnswers | DomainError };

/** A form's reading of the text: the answers, or the refusal naming the value to fix; null if it is not one. */
function readAs(fields: CampaignDefinition['form']['fields'], text: NormalizedText): TextAnswers | DomainError | null {
  try {
    return answersFromText(fields, text);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return error;
  }
}

/** Which open campaign a free-text reply answers: the one whose form recognises most of it. */
function bestReading(open: OpenRound[], text: NormalizedText): Reading | undefined {
  let best: { reading: Reading; score: number } | undefined;
  for (const round of open) {
    const read = readAs(round.campaign.definition.form.fields, text);
    if (!read) continue;
    const score = read instanceof DomainError ? 1 : read.recognized.length;
    if (!best || score > best.score) best = { reading: { open: round, read }, score };
  }
  return best?.reading;
}

export type TextAnswerOutcome =
  | { recorded: RecordedResponse }
  | { recorded: undefined; open: OpenRound[]; readsAsAnswer: boolean };

/**
 * Stores a free-text reply as an answer to the open round it best fits. When it fits none, says
 * whether it still reads as an answer to one of the person's campaigns (one with no open round)
 * and which rounds are open, so the caller can tell them what to do. `campaigns` are read by
 * the caller, with the message.
 */
export async function answerFromText(db: Db, person: Person, text: NormalizedText, now: Date, campaigns: CampaignsNow): Promise<TextAnswerOutcome> {
  const { open, notOpen } = campaignsFor(person, campaigns);
  const reading = bestReading(open, text);
  if (reading) {
    if (reading.read instanceof DomainError) throw reading.read;
    const { campaign, round } = reading.open;
    return { recorded: await recordResponse(db, now, { person, campaign, currentRound: round, answers: reading.read.answers, source: 'text' }) };
  }
  return { recorded: undefined, open, readsAsAnswer: notOpen.some((c) => readAs(c.definition.form.fields, text) !== null) };
}
