import { describe, expect, it } from 'vitest';
import type { InspectionSubItem } from '../../src/db/queries/inspections.js';
import { matchSubItem } from '../../src/domain/inspections/match-sub-item.js';
import { parseInspectionText, scoreFrom } from '../../src/domain/inspections/parse-inspection-text.js';
import { checkScores } from '../../src/domain/inspections/record-inspection.js';
import { normalizeText } from '../../src/domain/text/normalize-text.js';
import { isDomainError } from '../../src/errors.js';
import { INSPECTION_FRAMEWORK } from '../fixtures/inspection-framework.js';

const parse = (said: string) => parseInspectionText({ text: normalizeText(said), said });

/** The fixture's inspection sub-items, as listInspectionSubItems returns them. */
const SUB_ITEMS: InspectionSubItem[] = INSPECTION_FRAMEWORK.flatMap((item) =>
  item.subItems.filter((s) => s.scoring === 'inspection').map((s, i) => ({ id: Number(s.code.replace('.', '')) + i, code: s.code, name: s.name, points: s.points, itemName: item.name, guidance: null })),
);

const refusal = (words: string) => {
  try {
    matchSubItem(SUB_ITEMS, words);
  } catch (error) {
    if (isDomainError(error)) return error.userMessage;
    throw error;
  }
  throw new Error(`matched: ${words}`);
};

describe('督查 text', () => {
  it('reads the school, the sub-item, a deduction and the reason', () => {
    expect(parse('槐芽镇中心小学 控辍保学 -2 劝返记录不全')).toEqual({ school: '槐芽镇中心小学', subItem: '控辍保学', score: { kind: 'deduct', value: 2 }, reason: '劝返记录不全', remedy: '' });
  });

  it('takes 得分 8, 8分, 扣2分, a glued -1.5 and a remedy after 整改：', () => {
    expect(parse('某校 2.1 得分 8 台账缺页').score).toEqual({ kind: 'score', value: 8 });
    expect(parse('某校 2.1 得分 8 台账缺页').reason).toBe('台账缺页');
    expect(parse('某校 校舍安全 8分 围墙开裂').score).toEqual({ kind: 'score', value: 8 });
    expect(parse('某校 校舍安全 扣2分 围墙开裂')).toMatchObject({ subItem: '校舍安全', score: { kind: 'deduct', value: 2 } });
    expect(parse('某校 食堂卫生-1.5 留样不全 整改：每餐留样')).toMatchObject({ subItem: '食堂卫生', score: { kind: 'deduct', value: 1.5 }, reason: '留样不全', remedy: '每餐留样' });
  });

  it('reads Traditional script and full-width digits, and keeps the reason as written', () => {
    expect(parse('槐芽鎮中心小學 控輟保學 －２ 勸返記錄不全')).toMatchObject({ school: '槐芽镇中心小学', subItem: '控辍保学', score: { kind: 'deduct', value: 2 }, reason: '勸返記錄不全' });
    expect(parse('某校 食堂卫生 -1 留样不全，\n缺两餐 整改：每餐留样')).toMatchObject({ reason: '留样不全，\n缺两餐', remedy: '每餐留样' });
  });

  it('leaves the score out when none is given (the school alone asks for its card)', () => {
    expect(parse('槐芽镇中心小学')).toMatchObject({ school: '槐芽镇中心小学', subItem: '', score: undefined });
    expect(parse('槐芽镇中心小学 控辍保学 记录不全').score).toBeUndefined();
  });

  it('scores from points: -2 of 10 is 8; 得分 is the score itself', () => {
    expect(scoreFrom({ kind: 'deduct', value: 2 }, 10)).toBe(8);
    expect(scoreFrom({ kind: 'score', value: 7.5 }, 10)).toBe(7.5);
  });
});

describe('the sub-item an inspector names', () => {
  it('by code, name, a unique part, or a 大项 with one inspection sub-item', () => {
    expect(matchSubItem(SUB_ITEMS, '2.1').name).toBe('劝返复学台账');
    expect(matchSubItem(SUB_ITEMS, '食堂卫生').code).toBe('3.2');
    expect(matchSubItem(SUB_ITEMS, '校舍').code).toBe('3.1');
    expect(matchSubItem(SUB_ITEMS, '控辍保学').code).toBe('2.1');
    expect(matchSubItem(SUB_ITEMS, '组织').code).toBe('1.1');
  });

  it('refuses a 大项 with several inspection sub-items, and words that match nothing', () => {
    expect(refusal('办学条件')).toContain('对应多个子项');
    expect(refusal('体育')).toContain('没有找到子项「体育」');
  });
});

describe('checkScores', () => {
  const subItem = SUB_ITEMS.find((s) => s.code === '2.1')!;
  const current = { id: 1, inspectionId: 1, subItemId: subItem.id, score: 8, reason: '劝返记录不全', remedy: null, photoEvidenceId: null, byId: 1, at: new Date(), replacedAt: null, replacedById: null, byName: '王' };
  const view = { subItems: [{ ...subItem, current, replaced: [] }] } as never;

  it('a deduction needs a reason; out of range is refused', () => {
    expect(checkScores(undefined, [{ subItem, score: 8, reason: '', remedy: '' }]).problems[0]?.problem).toBe('needs_reason');
    expect(checkScores(undefined, [{ subItem, score: 11, reason: 'x', remedy: '' }]).problems[0]?.problem).toBe('out_of_range');
    expect(checkScores(undefined, [{ subItem, score: 10, reason: '', remedy: '' }]).changes).toHaveLength(1);
  });

  it('a correction needs a new reason; the same score and reason is no change', () => {
    expect(checkScores(view, [{ subItem, score: 9, reason: '', remedy: '' }]).problems[0]?.problem).toBe('needs_correction_reason');
    expect(checkScores(view, [{ subItem, score: 9, reason: '劝返记录不全', remedy: '' }]).problems[0]?.problem).toBe('needs_correction_reason');
    expect(checkScores(view, [{ subItem, score: 9, reason: '复查已补齐一份', remedy: '' }]).changes).toHaveLength(1);
    expect(checkScores(view, [{ subItem, score: 8, reason: '劝返记录不全', remedy: '' }])).toEqual({ changes: [], problems: [] });
  });
});
