import { aidEligibilities, aidStatuses } from '../../db/schema/children-followup.js';
import { DomainError } from '../../errors.js';
import { visitTexts } from '../../texts/visit-texts.js';

export type AidStatus = (typeof aidStatuses)[number];
export type AidEligibility = (typeof aidEligibilities)[number];
export const aidStatusValues: readonly AidStatus[] = aidStatuses;
export const aidEligibilityValues: readonly AidEligibility[] = aidEligibilities;

const AID_STATUS_WORDS: Readonly<Record<string, AidStatus>> = { 已到位: 'full', 到位: 'full', 全部到位: 'full', 部分到位: 'partial', 未到位: 'none', 没到位: 'none' };
const ELIGIBILITY_WORDS: Readonly<Record<string, AidEligibility>> = { 符合: 'eligible', 不再符合: 'ineligible', 不符合: 'ineligible', 待核实: 'unverified' };

const oneWord = (written: string) => written.replace(/^[\s,;、|。]+|[\s,;、|。]+$/g, '');

/** 资助：已到位|部分到位|未到位, as written after the label; anything else is refused, not guessed. */
export function readAidStatus(written: string): AidStatus {
  const word = oneWord(written);
  const status = Object.hasOwn(AID_STATUS_WORDS, word) ? AID_STATUS_WORDS[word] : undefined;
  if (!status) throw new DomainError('invalid_field', visitTexts.unknownAidStatus(word));
  return status;
}

/** 资格：符合|不再符合|待核实, as written after the label. */
export function readEligibility(written: string): AidEligibility {
  const word = oneWord(written);
  const eligibility = Object.hasOwn(ELIGIBILITY_WORDS, word) ? ELIGIBILITY_WORDS[word] : undefined;
  if (!eligibility) throw new DomainError('invalid_field', visitTexts.unknownEligibility(word));
  return eligibility;
}

/** Whether a recorded check calls for the principal: aid not (fully) there, or the family may no longer qualify. */
export const isAidMismatch = (c: { aidStatus: AidStatus | null; eligibility: AidEligibility | null }): boolean =>
  c.aidStatus === 'partial' || c.aidStatus === 'none' || c.eligibility === 'ineligible' || c.eligibility === 'unverified';
