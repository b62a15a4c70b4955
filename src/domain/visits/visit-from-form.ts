import { visitModes, type VisitMode } from '../../db/schema/students.js';
import { DomainError } from '../../errors.js';
import { visitTexts } from '../../texts/visit-texts.js';
import type { LocalDate } from '../calendar/local-date.js';
import type { MaskedField } from '../forms/mask-answers.js';
import { maskIdentifiers } from '../text/mask-identifiers.js';
import { normalizeText } from '../text/normalize-text.js';
import { MAX_VISIT_TEXT_LENGTH, type ParsedVisit } from './parse-visit-text.js';
import { aidEligibilityValues, aidStatusValues, type AidEligibility, type AidStatus } from './read-aid-check.js';
import { readRiskFlags } from './read-risk-flags.js';
import { readVisitDate } from './read-visit-date.js';

/** The visit form's inputs by name, as a card's form_value carries them. */
export const VISIT_FORM_FIELDS = { student: 'student', mode: 'mode', findings: 'findings', risks: 'risks', measures: 'measures', visitedOn: 'visited_on', aidStatus: 'aid_status', eligibility: 'eligibility' } as const;

/**
 * A visit filed with the card form, checked by the same rules as one filed in text: the student
 * named, one of the three modes, findings written (within the length, numbers masked), risk
 * flags from the list, a date neither ahead nor over a year back, the aid check's values if chosen.
 */
export function visitFromForm(form: Record<string, unknown>, today: LocalDate): ParsedVisit {
  const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string).trim() : '');
  const student = normalizeText(text(VISIT_FORM_FIELDS.student)).trim();
  if (!student) throw new DomainError('missing_field', visitTexts.formMissingStudent);
  const mode = text(VISIT_FORM_FIELDS.mode);
  if (!visitModes.includes(mode as VisitMode)) throw new DomainError('missing_field', visitTexts.formMissingMode);
  const rawRisks = form[VISIT_FORM_FIELDS.risks];
  const risks = readRiskFlags(Array.isArray(rawRisks) ? rawRisks.filter((r): r is string => typeof r === 'string').join('、') : typeof rawRisks === 'string' ? rawRisks : '');
  // A date picker sends `2026-12-03 +0800`; nothing picked means today.
  const date = /^\d{4}-\d{2}-\d{2}/.exec(text(VISIT_FORM_FIELDS.visitedOn))?.[0] ?? '';
  const visitedOn = readVisitDate(date, today);
  const findings = kept(text(VISIT_FORM_FIELDS.findings), visitTexts.findingsLabel);
  if (!findings.text) throw new DomainError('missing_field', visitTexts.formMissingFindings);
  const measures = kept(text(VISIT_FORM_FIELDS.measures), visitTexts.measuresLabel);
  // The aid check's two selects: nothing chosen is nothing recorded; a value not offered is refused.
  const aidStatus = chosen(text(VISIT_FORM_FIELDS.aidStatus), aidStatusValues, visitTexts.unknownAidStatus) as AidStatus | null;
  const eligibility = chosen(text(VISIT_FORM_FIELDS.eligibility), aidEligibilityValues, visitTexts.unknownEligibility) as AidEligibility | null;
  return {
    student,
    mode: mode as VisitMode,
    findings: findings.text,
    measures: measures.text || null,
    risks,
    visitedOn,
    aidStatus,
    eligibility,
    masked: [findings.masked, measures.masked].filter((m): m is MaskedField => m !== undefined),
  };
}

function chosen(value: string, allowed: readonly string[], refusal: (written: string) => string): string | null {
  if (value === '') return null;
  if (!allowed.includes(value)) throw new DomainError('invalid_field', refusal(value));
  return value;
}

function kept(value: string, label: string): { text: string; masked?: MaskedField } {
  const length = [...value].length;
  if (length > MAX_VISIT_TEXT_LENGTH) throw new DomainError('invalid_field', visitTexts.tooLong(label, MAX_VISIT_TEXT_LENGTH, length));
  const { text, masked } = maskIdentifiers(value);
  return masked.ids + masked.mobiles > 0 ? { text, masked: { label, ...masked } } : { text };
}
