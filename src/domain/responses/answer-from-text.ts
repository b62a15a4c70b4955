import type { Person } from '../../db/queries/people.js';
import type { Db } from '../../db/client.js';
import { DomainError, isDomainError } from '../../errors.js';
import { answersFromText, type TextAnswers } from '../forms/form-answers.js';
import { currentRoundsFor, type OpenRound } from './current-rounds.js';
import { recordResponse, type RecordedResponse } from './record-response.js';

type Reading = { open: OpenRound; read: TextAnswers | DomainError };

/** Which open campaign a free-text reply answers: the one whose form recognises most of it. */
export async function readTextAnswer(db: Db, person: Person, text: string, now: Date): Promise<Reading | undefined> {
  let best: { reading: Reading; score: number } | undefined;
  for (const open of await currentRoundsFor(db, person, now)) {
    let read: TextAnswers | DomainError | null;
    try {
      read = answersFromText(open.campaign.definition.form.fields, text);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      read = error;
    }
    if (!read) continue;
    const score = read instanceof DomainError ? 1 : read.recognized.length;
    if (!best || score > best.score) best = { reading: { open, read }, score };
  }
  return best?.reading;
}

/** Stores a free-text reply as an answer; undefined when the text answers nothing open. */
export async function answerFromText(db: Db, person: Person, text: string, now: Date): Promise<RecordedResponse | undefined> {
  const reading = await readTextAnswer(db, person, text, now);
  if (!reading) return undefined;
  if (reading.read instanceof DomainError) throw reading.read;
  return recordResponse(db, now, { person, campaign: reading.open.campaign, answers: reading.read.answers, source: 'text' });
}
