import { describe, expect, it } from 'vitest';
import { isNationalId, maskIdentifiers } from '../../src/domain/text/mask-identifiers.js';

// A valid ID by GB 11643's check (the standard's own example number).
const ID = '11010519491231002X';

describe('maskIdentifiers', () => {
  it('masks a national ID with a valid check character, keeping the region and the last four', () => {
    expect(isNationalId(ID)).toBe(true);
    expect(maskIdentifiers(`学生身份证${ID}，已核实`)).toEqual({ text: '学生身份证110105********002X，已核实', masked: { ids: 1, mobiles: 0 } });
  });

  it('leaves an 18-digit number whose check character is wrong, and longer runs of digits', () => {
    const wrong = '110105194912310021';
    expect(isNationalId(wrong)).toBe(false);
    expect(maskIdentifiers(`编号${wrong}`).masked).toEqual({ ids: 0, mobiles: 0 });
    expect(maskIdentifiers(`卡号6${ID.slice(0, 17)}12`).masked.ids).toBe(0);
  });

  it.each([
    ['家长电话13812345678', '家长电话138****5678'],
    ['家长电话 138-1234-5678 晚上打', '家长电话 138****5678 晚上打'],
    ['+86 138 1234 5678', '+86 138****5678'],
  ])('masks a mobile number: %s', (text, expected) => {
    expect(maskIdentifiers(text)).toEqual({ text: expected, masked: { ids: 0, mobiles: 1 } });
  });

  it('leaves counts, dates and landlines alone', () => {
    const text = '走访5户，2026-12-01 回访，座机0917-5212345';
    expect(maskIdentifiers(text)).toEqual({ text, masked: { ids: 0, mobiles: 0 } });
  });
});
