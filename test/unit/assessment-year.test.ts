import { describe, expect, it } from 'vitest';
import { yearToAssess } from '../../src/domain/scoring/scoring-span.js';
import { parseAssessmentYear } from '../../src/lark/chat/assessment-command.js';

describe('考核: which year', () => {
  it('without one, the year of the last ended quarter (as 排名): January to March the year just ended', () => {
    expect([1, 2, 3, 4, 12].map((month) => yearToAssess({ year: 2027, month }))).toEqual([2026, 2026, 2026, 2027, 2027]);
  });

  it('reads 2026, 2026年, 2026年度, 今年 and 去年; anything else is not a year', () => {
    const today = { year: 2027 };
    expect(['', '2026', '2026年', '2026 年度', '今年', '去年'].map((w) => parseAssessmentYear(w, today))).toEqual([null, 2026, 2026, 2026, 2027, 2026]);
    expect(['明年', '2026Q4', '26', '横渠镇'].map((w) => parseAssessmentYear(w, today))).toEqual([undefined, undefined, undefined, undefined]);
  });
});
