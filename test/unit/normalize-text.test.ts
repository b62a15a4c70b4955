import { describe, it, expect } from 'vitest';
import { normalizeText, toSimplified, TRADITIONAL_TO_SIMPLIFIED, writtenSuffix } from '../../src/domain/text/normalize-text.js';

describe('normalizeText', () => {
  it.each([
    ['full-width digits and letters', '走访５户ＡＢｃ', '走访5户ABc'],
    ['full-width punctuation', '备注：（略）；好，吗？！', '备注:(略);好,吗?!'],
    ['ideographic space', '走访\u3000\u30005户', '走访 5户'],
    ['collapses and trims whitespace, including newlines', '  走访  5户\n\n\t电话 3户 ', '走访 5户 电话 3户'],
    ['strips Lark user mentions', '@_user_1 走访5户 @_user_23', '走访5户'],
    ['strips @all', '@_all 请大家回复', '请大家回复'],
    ['a message that is only mentions becomes empty', '@_user_1 @_all', ''],
    ['Traditional to Simplified', '走訪五戶、電話隨訪三戶、新增預警兩人', '走访五户、电话随访三户、新增预警两人'],
    ['Traditional note with surname', '備註：張家孩子已返校', '备注:张家孩子已返校'],
    ['both Traditional forms of 汇', '彙總 匯總', '汇总 汇总'],
    ['Simplified text is left alone', '入户走访5户、电话随访3户。', '入户走访5户、电话随访3户。'],
    ['emoji pass through', '走访5户👍', '走访5户👍'],
  ])('%s', (_label, input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('does not throw on lone surrogates and keeps them', () => {
    expect(normalizeText('走访\uD800 5户\uDFFF')).toBe('走访\uD800 5户\uDFFF');
  });
});

describe('toSimplified', () => {
  it('converts only Traditional characters, leaving width and punctuation alone', () => {
    expect(toSimplified('電話：５次')).toBe('电话：５次');
  });

  it('has a generous, well-formed table', () => {
    const entries = [...TRADITIONAL_TO_SIMPLIFIED];
    expect(entries.length).toBeGreaterThanOrEqual(150);
    for (const [traditional, simplified] of entries) {
      expect([...traditional]).toHaveLength(1);
      expect([...simplified]).toHaveLength(1);
      expect(traditional).not.toBe(simplified);
      // A Simplified result must never itself be rewritten.
      expect(TRADITIONAL_TO_SIMPLIFIED.has(simplified)).toBe(false);
    }
  });
});

describe('writtenSuffix', () => {
  it('gives back the end of a message as the person wrote it', () => {
    const written = '@_user_1 走訪5戶，備註：張家孩子已返校。\n下週再回訪，家長同意。';
    const note = normalizeText('張家孩子已返校。\n下週再回訪，家長同意。');
    expect(writtenSuffix(written, note)).toBe('張家孩子已返校。\n下週再回訪，家長同意。');
  });

  it('is undefined when no end of the message normalises to the suffix (a note cut short)', () => {
    expect(writtenSuffix('备注：一二三四五', normalizeText('一二三'))).toBeUndefined();
  });
});
