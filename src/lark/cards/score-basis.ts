import { describeBasis } from '../../domain/scoring/describe-basis.js';
import type { SubItemScore } from '../../domain/scoring/score-schools.js';
import { escapeMarkdown } from './escape-markdown.js';

/** How many of a sub-item's deductions a card spells out (a year has up to twelve). */
const DEDUCTIONS_SHOWN = 3;

/**
 * Why a sub-item scored what it did, in a line of card markdown: the first `deductionsShown`
 * deductions spelled out, with the inspectors' reasons escaped unless `reasons` is false.
 */
export function basisWords(sub: SubItemScore, o: { deductionsShown?: number; reasons?: boolean } = {}): string {
  return describeBasis(sub, { escape: escapeMarkdown, deductionsShown: o.deductionsShown ?? DEDUCTIONS_SHOWN, reasons: o.reasons ?? true });
}

/** Points lost, as people write them: 1.5, not 1.4999999. */
export { roundTenth as round } from '../../domain/scoring/describe-basis.js';

/** ① … ⑳ for the 大项 (a standard has eight), then plain numbers. */
export const itemMark = (i: number) => (i < 20 ? String.fromCodePoint(0x2460 + i) : `${i + 1}.`);
