import type { Person } from '../../db/queries/people.js';
import type { Db } from '../../db/database.js';
import { DomainError, isDomainError } from '../../errors.js';
import type { Answers } from '../../db/schema/responses.js';
import { answersFromText, type ImplausibleCount, type TextAnswers } from '../forms/form-answers.js';
import { writtenSuffix, type NormalizedText } from '../text/normalize-text.js';
import type { CampaignDefinition } from '../../model/campaign-definition.js';
import { campaignsFor, type CampaignsNow, type OpenRound } from './campaigns-for.js';
import { recordResponse, type RecordedResponse } from './record-response.js';

type Reading = { open: OpenRound; read: TextAnswers | DomainError };

/** A form's reading of the text: the answers, or the refusal naming the value to fix; null if it is not one. */
function readAs(fields: CampaignDefinition['form']['fields'], text: NormalizedText, said?: string): TextAnswers | DomainError | null {
  try {
    return answersFromText(fields, text, said);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return error;
  }
}

/** Which open campaign a free-text reply answers: the one whose form recognises most of it. */
function bestReading(open: OpenRound[], text: NormalizedText, said: string): Reading | undefined {
  let best: { reading: Reading; score: number } | undefined;
  for (const round of open) {
    const read = readAs(round.campaign.definition.form.fields, text, said);
    if (!read) continue;
    const score = read instanceof DomainError ? 1 : read.recognized.length;
    if (!best || score > best.score) best = { reading: { open: round, read }, score };
  }
  return best?.reading;
}

export type TextAnswerOutcome =
  | { kind: 'recorded'; recorded: RecordedResponse }
  /** A count far above a month's work: stored only once the person confirms it. */
  | { kind: 'confirm'; open: OpenRound; answers: Answers; implausible: ImplausibleCount[] }
  /** Plain text, no label, from someone with written reports open: which report is it? */
  | { kind: 'which-report'; reports: OpenReport[]; text: string }
  | { kind: 'none'; open: OpenRound[]; readsAsAnswer: boolean };

/** An open round of a campaign answered in words, and the field plain text goes into. */
export type OpenReport = OpenRound & { field: string; maxLength: number };

/**
 * Reads a free-text reply as an answer to the open round it best fits, and stores it unless it
 * needs a question first. When it fits none, says whether it still reads as an answer to one of
 * the person's campaigns (one with no open round) and which rounds are open, so the caller can
 * tell them what to do. `campaigns` are read by the caller, with the message.
 */
export async function answerFromText(
  db: Db,
  person: Person,
  { text, said }: { text: NormalizedText; /** The message as written, which free text is kept as. */ said: string },
  now: Date,
  campaigns: CampaignsNow,
): Promise<TextAnswerOutcome> {
  const { open, notOpen } = campaignsFor(person, campaigns);
  const reading = bestReading(open, text, said);
  if (reading) {
    if (reading.read instanceof DomainError) throw reading.read;
    const { answers, implausible } = reading.read;
    if (implausible.length > 0) return { kind: 'confirm', open: reading.open, answers, implausible };
    const { campaign, round } = reading.open;
    return { kind: 'recorded', recorded: await recordResponse(db, now, { person, campaign, currentRound: round, answers, mode: 'merge', source: 'text' }) };
  }
  const reports = open.flatMap(openReport);
  if (reports.length > 0 && readsAsReport(text)) return { kind: 'which-report', reports, text: writtenSuffix(said, text) ?? text };
  return { kind: 'none', open, readsAsAnswer: notOpen.some((c) => readAs(c.definition.form.fields, text) !== null) };
}

/** A campaign whose form is words only (月有安排, 学期有计划 …) takes plain text into its main text field. */
function openReport(round: OpenRound): OpenReport[] {
  const fields = round.campaign.definition.form.fields;
  if (!fields.every((f) => f.type === 'text')) return [];
  const field = fields.find((f) => f.required) ?? fields[0];
  return field?.type === 'text' ? [{ ...round, field: field.name, maxLength: field.maxLength }] : [];
}

// A few words that are not a question: "本月组织全体教师家访培训" may be a report, "怎么填？" is not.
const readsAsReport = (text: string) => [...text.replace(/[\s\p{P}]/gu, '')].length >= 6 && !/(?:\?|吗|呢|么)\s*$/.test(text);
