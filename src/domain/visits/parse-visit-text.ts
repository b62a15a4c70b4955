import type { RiskFlag, VisitMode } from '../../db/schema/students.js';
import { DomainError } from '../../errors.js';
import { visitTexts } from '../../texts/visit-texts.js';
import type { LocalDate } from '../calendar/local-date.js';
import type { MaskedField } from '../forms/mask-answers.js';
import { maskIdentifiers } from '../text/mask-identifiers.js';
import { normalizeText, type NormalizedText } from '../text/normalize-text.js';
import { readAidStatus, readEligibility, type AidEligibility, type AidStatus } from './read-aid-check.js';
import { readRiskFlags } from './read-risk-flags.js';
import { readVisitDate } from './read-visit-date.js';
import { foldKeywords, readVisitHead, splitVisitText, type LabelledSpan, type Span, type VisitPart } from './split-visit-text.js';
import { trimSeparators, writtenPart } from './written-part.js';

/** A home visit as a teacher filed it in chat, checked and with identifying numbers masked. */
export type ParsedVisit = {
  /** A name or a school-local number, as normalised; matching it to a student is the caller's. */
  student: string;
  mode: VisitMode;
  findings: string;
  measures: string | null;
  /** Empty when there is no risk (无, or nothing written). */
  risks: RiskFlag[];
  visitedOn: LocalDate;
  /** The aid check (资助：…, 资格：…), null when not written. */
  aidStatus: AidStatus | null;
  eligibility: AidEligibility | null;
  /** The free-text parts in which an ID or mobile number was masked, for the receipt to say so. */
  masked: MaskedField[];
};

/** Longest findings or measures kept, in characters: a visit note, not a report. */
export const MAX_VISIT_TEXT_LENGTH = 500;

/**
 * Reads the text after 家访: `<student> <入户|电话|视频> <findings> 风险：… 措施：… 日期：… 资助：… 资格：…`, the
 * labelled parts in any order and optional. `said` is the message as typed, which findings and
 * measures are kept as when they can be told apart in it; `today` is the county's local date.
 * Throws a DomainError with what to fix (and an example) when the text cannot be taken as written.
 */
export function parseVisitText({ text, said, today }: { text: NormalizedText; said?: string; today: LocalDate }): ParsedVisit {
  const folded = foldKeywords(text);
  const { head, parts } = splitVisitText(folded);
  const { student, mode, findings: unlabelled } = readVisitHead(text, folded, head);
  const labelled = (part: VisitPart) => onlyOnce(parts.filter((p) => p.part === part));

  // Risks and date first: findings written after 风险：无 are better told as a risk not understood.
  const risksSpan = labelled('risks')?.span;
  const risks = risksSpan ? readRiskFlags(folded.slice(risksSpan.start, risksSpan.end)) : [];
  const dateSpan = labelled('date')?.span;
  const visitedOn = readVisitDate(dateSpan ? text.slice(dateSpan.start, dateSpan.end).trim() : '', today);
  const aidSpan = labelled('aid')?.span;
  const aidStatus = aidSpan ? readAidStatus(text.slice(aidSpan.start, aidSpan.end)) : null;
  const eligibilitySpan = labelled('eligibility')?.span;
  const eligibility = eligibilitySpan ? readEligibility(text.slice(eligibilitySpan.start, eligibilitySpan.end)) : null;

  const findingsSpans = [unlabelled, labelled('findings')?.span].filter((s): s is Span => s !== undefined);
  const findings = keptText(text, said, findingsSpans, visitTexts.findingsLabel);
  if (findings.text === '') throw new DomainError('missing_field', visitTexts.missingFindings);
  const measuresSpan = labelled('measures')?.span;
  const measures = measuresSpan ? keptText(text, said, [measuresSpan], visitTexts.measuresLabel) : undefined;

  return {
    student,
    mode,
    findings: findings.text,
    measures: measures?.text || null,
    risks,
    visitedOn,
    aidStatus,
    eligibility,
    masked: [findings.masked, measures?.masked].filter((m): m is MaskedField => m !== undefined),
  };
}

function onlyOnce(found: LabelledSpan[]): LabelledSpan | undefined {
  const [first, second] = found;
  if (second) throw new DomainError('ambiguous_answer', visitTexts.writtenTwice(second.label));
  return first;
}

/**
 * A free-text part as it is stored: as written where it can be told apart, with IDs and mobile
 * numbers masked. The masks read ASCII digits, so the written form is kept only when, masked, it
 * reads as the masked normalised text (a number typed in full-width digits is not left showing).
 */
function keptText(text: string, said: string | undefined, spans: Span[], label: string): { text: string; masked?: MaskedField } {
  const pieces = spans
    .map(({ start, end }) => {
      const value = trimSeparators(text.slice(start, end));
      const normalized = maskIdentifiers(value);
      const written = said === undefined || value === '' ? undefined : writtenPart(said, text, { start, end, value });
      const maskedWritten = written === undefined ? undefined : maskIdentifiers(written);
      return maskedWritten && normalizeText(maskedWritten.text) === normalized.text ? maskedWritten : normalized;
    })
    .filter((piece) => piece.text !== '');
  const kept = pieces.map((p) => p.text).join(' ');
  const length = [...kept].length;
  if (length > MAX_VISIT_TEXT_LENGTH) throw new DomainError('invalid_field', visitTexts.tooLong(label, MAX_VISIT_TEXT_LENGTH, length));
  const ids = pieces.reduce((n, p) => n + p.masked.ids, 0);
  const mobiles = pieces.reduce((n, p) => n + p.masked.mobiles, 0);
  return ids + mobiles > 0 ? { text: kept, masked: { label, ids, mobiles } } : { text: kept };
}
