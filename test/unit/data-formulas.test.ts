import { describe, expect, it } from 'vitest';
import { figureOf, formulaShare, noFigures } from '../../src/domain/scoring/data-formulas.js';
import { periodWords, scoringPeriod } from '../../src/domain/scoring/scoring-span.js';

describe('the data formulas’ shares', () => {
  it('gives done ÷ owed, capped at 1, and full points when nothing was owed', () => {
    const figures = { ...noFigures(3), atRisk: 4, visitedMonths: 3, aided: 3, aidChecked: 1, checkinsExpected: 10, checkinsAnswered: 12 };
    expect(formulaShare(figureOf('visits_per_at_risk', figures))).toBe(0.25);
    expect(formulaShare(figureOf('aid_check_coverage', figures))).toBeCloseTo(1 / 3);
    expect(formulaShare(figureOf('checkin_completion', figures))).toBe(1);
    expect(formulaShare(figureOf('principal_reports_on_time', figures))).toBe(1);
    expect(formulaShare(figureOf('alert_followup', figures))).toBe(1);
  });

  it('counts open dropout cases all or nothing: none open is full, one open is zero', () => {
    expect(formulaShare(figureOf('open_dropouts_zero', noFigures(1)))).toBe(1);
    expect(formulaShare(figureOf('open_dropouts_zero', { ...noFigures(1), openDropouts: 1 }))).toBe(0);
  });
});

describe('scoring periods', () => {
  it('reads months, quarters, halves and years, and refuses what is none of them', () => {
    expect(scoringPeriod('2026-Q4', 'Asia/Shanghai')).toMatchObject({ months: ['2026-10', '2026-11', '2026-12'], span: { from: '2026-10-01', until: '2027-01-01', months: 3 } });
    expect(scoringPeriod('2026-12', 'Asia/Shanghai').span.start.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(scoringPeriod('2026', 'Asia/Shanghai').months).toHaveLength(12);
    for (const bad of ['2026-13', '2026-00', '2026-Q5', '秋季学期', '']) expect(() => scoringPeriod(bad, 'Asia/Shanghai'), bad).toThrow('不是可评分的时段');
    expect([periodWords('2026-Q4'), periodWords('2026-H1'), periodWords('2026-03'), periodWords('2026')]).toEqual(['2026年第四季度', '2026年上半年', '2026年3月', '2026年']);
  });
});
