import { riskFlags, type RiskFlag } from '../../db/schema/students.js';
import { DomainError } from '../../errors.js';
import { visitTexts } from '../../texts/visit-texts.js';

/** Ways of saying there is no risk. */
const NO_RISK: readonly string[] = ['无', '没有', '暂无', '无风险'];

const isRiskFlag = (word: string): word is RiskFlag => (riskFlags as readonly string[]).includes(word);

/**
 * The risk flags written after 风险 (separated by 、 , ; | 。 or spaces), in the register's order.
 * Nothing written, or 无, is no flag; 无 beside a flag, or a word that is not a flag, is refused
 * rather than guessed at, since a flag decides who the bureau follows up.
 */
export function readRiskFlags(written: string): RiskFlag[] {
  const words = written.split(/[、,;|/。\s]+/).filter((w) => w !== '');
  const unknown = words.find((w) => !isRiskFlag(w) && !NO_RISK.includes(w));
  if (unknown !== undefined) throw new DomainError('invalid_field', visitTexts.unknownRisk(unknown, riskFlags));
  const flags = riskFlags.filter((flag) => words.includes(flag));
  if (flags.length > 0 && words.some((w) => NO_RISK.includes(w))) throw new DomainError('invalid_field', visitTexts.noneWithOthers(flags));
  return flags;
}
