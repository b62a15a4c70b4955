import type { DataFormula } from '../../model/framework-definition.js';

/** A school's numbers over a span, as the `data` formulas read them (db/queries/scoring-data.ts). */
export type SchoolFigures = {
  /** Dropout cases open at the span's end. */
  openDropouts: number;
  /** At-risk students on the register, and the student-months among them with a visit. */
  atRisk: number;
  visitedMonths: number;
  /** Months in the span (a quarter expects each at-risk child visited in each of its months). */
  months: number;
  /** 精准资助大排查 in the term the span ends in. */
  aided: number;
  aidChecked: number;
  /** The teachers' monthly check-ins due in the span. */
  checkinsExpected: number;
  checkinsAnswered: number;
  /** The principal's reports due in the span, and those filed by the deadline. */
  reportsExpected: number;
  reportsOnTime: number;
  /** Students at 预警 in the span, and those of them visited in it. */
  alerted: number;
  alertedVisited: number;
};

export const noFigures = (months: number): SchoolFigures => ({
  openDropouts: 0,
  atRisk: 0,
  visitedMonths: 0,
  months,
  aided: 0,
  aidChecked: 0,
  checkinsExpected: 0,
  checkinsAnswered: 0,
  reportsExpected: 0,
  reportsOnTime: 0,
  alerted: 0,
  alertedVisited: 0,
});

/**
 * What a formula read: `done` of `owed` (for open_dropouts_zero, the open cases of none allowed).
 * `owed` 0 means nothing was owed in the span: full points, there being nothing to fall short of.
 */
export type FormulaFigure = { formula: DataFormula; done: number; owed: number };

/** The share a formula gives, 0..1. */
export function formulaShare(figure: FormulaFigure): number {
  if (figure.formula === 'open_dropouts_zero') return figure.done === 0 ? 1 : 0;
  if (figure.owed <= 0) return 1;
  return Math.min(1, figure.done / figure.owed);
}

/** The numbers a formula reads from a school's figures. */
export function figureOf(formula: DataFormula, f: SchoolFigures): FormulaFigure {
  switch (formula) {
    case 'open_dropouts_zero':
      return { formula, done: f.openDropouts, owed: 0 };
    case 'aid_check_coverage':
      return { formula, done: f.aidChecked, owed: f.aided };
    case 'visits_per_at_risk':
      return { formula, done: f.visitedMonths, owed: f.atRisk * f.months };
    case 'checkin_completion':
      return { formula, done: f.checkinsAnswered, owed: f.checkinsExpected };
    case 'principal_reports_on_time':
      return { formula, done: f.reportsOnTime, owed: f.reportsExpected };
    case 'alert_followup':
      return { formula, done: f.alertedVisited, owed: f.alerted };
  }
}
