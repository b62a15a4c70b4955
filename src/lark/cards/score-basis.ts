import type { SubItemScore } from '../../domain/scoring/score-schools.js';
import { scoringTexts as t } from '../../texts/scoring-texts.js';
import { escapeMarkdown } from './escape-markdown.js';

/** How many of a sub-item's deductions a card spells out (a year has up to twelve). */
const DEDUCTIONS_SHOWN = 3;

/** Why a sub-item scored what it did, in a line: the formula's figures, the inspectors' reasons, the evidence's state. */
export function basisWords(sub: SubItemScore, deductionsShown = DEDUCTIONS_SHOWN): string {
  const basis = sub.basis;
  if (basis.way === 'data') return t.formulaFigure(basis.figure.formula, basis.figure.done, basis.figure.owed);
  if (basis.way === 'inspection') {
    if (basis.inspections === 0) return t.notInspected;
    const shown = basis.deductions.slice(0, deductionsShown).map((d) => t.deduction(d.period, round(d.points - d.score), d.reason === null ? null : escapeMarkdown(d.reason)));
    const more = basis.deductions.length - shown.length;
    return [t.inspectedTimes(basis.inspections), ...shown, ...(more > 0 ? [t.moreDeductions(more)] : [])].join('；');
  }
  if (basis.accepted > 0) return t.evidenceAccepted(basis.accepted);
  const states = [...(basis.pending > 0 ? [t.evidencePending(basis.pending)] : []), ...(basis.rejected > 0 ? [t.evidenceRejected(basis.rejected)] : [])];
  return states.length > 0 ? states.join('；') : t.evidenceMissing;
}

/** Points lost, as people write them: 1.5, not 1.4999999. */
export const round = (v: number) => Math.round(v * 10) / 10;

/** ① … ⑳ for the 大项 (a standard has eight), then plain numbers. */
export const itemMark = (i: number) => (i < 20 ? String.fromCodePoint(0x2460 + i) : `${i + 1}.`);
