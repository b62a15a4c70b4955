import { scoringTexts as t } from '../../texts/scoring-texts.js';
import type { Shown } from '../../texts/shown.js';
import type { SubItemScore } from './score-schools.js';

/** Points as people write them: 1.5, not 1.4999999. */
export const roundTenth = (v: number) => Math.round(v * 10) / 10;

/**
 * Why a sub-item scored what it did, in a line: the formula's figures, the inspectors' reasons,
 * the evidence's state. `escape` makes an inspector's reason safe where it lands (markdown on a
 * card; a spreadsheet cell takes it as written); `deductionsShown` caps the deductions spelled out;
 * `reasons: false` leaves the reasons out (free text that may name a child, for a group chat).
 */
export function describeBasis(sub: SubItemScore, o: { escape: (raw: string) => Shown; deductionsShown?: number; reasons?: boolean }): string {
  const basis = sub.basis;
  if (basis.way === 'data') return t.formulaFigure(basis.figure.formula, basis.figure.done, basis.figure.owed);
  if (basis.way === 'inspection') {
    if (basis.inspections === 0) return t.notInspected;
    const shown = basis.deductions.slice(0, o.deductionsShown ?? basis.deductions.length).map((d) => t.deduction(d.period, roundTenth(d.points - d.score), d.reason === null || o.reasons === false ? null : o.escape(d.reason)));
    const more = basis.deductions.length - shown.length;
    return [t.inspectedTimes(basis.inspections), ...shown, ...(more > 0 ? [t.moreDeductions(more)] : [])].join('；');
  }
  if (basis.accepted > 0) return t.evidenceAccepted(basis.accepted);
  const states = [...(basis.pending > 0 ? [t.evidencePending(basis.pending)] : []), ...(basis.rejected > 0 ? [t.evidenceRejected(basis.rejected)] : [])];
  return states.length > 0 ? states.join('；') : t.evidenceMissing;
}
