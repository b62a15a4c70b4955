import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskStudentName } from '../../src/domain/students/mask-name.js';

describe('maskStudentName', () => {
  it.each([
    ['张明', '张*'],
    ['张小明', '张*明'],
    ['欧阳小明', '欧**明'],
    ['司马相如意', '司***意'],
    ['明', '*'],
    ['  张小明 ', '张*明'],
    ['阿依古丽·买买提', '阿******提'],
    ['Li Na', 'L***a'],
    ['Li   Na', 'L***a'],
    ['Amy', 'A*y'],
    ['', ''],
    ['   ', ''],
  ])('%s → %s', (name, masked) => {
    expect(maskStudentName(name)).toBe(masked);
  });

  it('counts a character outside the BMP as one, never splitting a surrogate pair', () => {
    expect(maskStudentName('𠮷')).toBe('*');
    expect(maskStudentName('𠮷野')).toBe('𠮷*');
    expect(maskStudentName('吉𠮷明')).toBe('吉*明');
    expect(maskStudentName('𠮷小明𠮷')).toBe('𠮷**𠮷');
    expect(maskStudentName('𠮷𠮷')).toBe('𠮷*');
  });

  /** Names of 2 to 8 CJK or supplementary-plane characters, as a roster might hold them. */
  const han = fc.oneof(
    fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCodePoint(c)),
    fc.integer({ min: 0x20000, max: 0x2a6df }).map((c) => String.fromCodePoint(c)),
  );
  const hanName = fc.array(han, { minLength: 1, maxLength: 8 });

  it('keeps the length in characters and shows no character that is not first or last', () => {
    fc.assert(
      fc.property(hanName, (chars) => {
        const masked = [...maskStudentName(chars.join(''))];
        expect(masked).toHaveLength(chars.length);
        const shown = chars.length === 1 ? [] : chars.length === 2 ? [0] : [0, chars.length - 1];
        masked.forEach((c, i) => expect(c).toBe(shown.includes(i) ? chars[i] : '*'));
      }),
    );
  });

  it('never shows a middle character that differs from the ends, whatever the name', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 3, maxLength: 12 }), (name) => {
        const chars = [...name.trim().replace(/\s+/g, ' ')];
        const masked = maskStudentName(name);
        for (const middle of chars.slice(1, -1)) {
          if (middle !== chars[0] && middle !== chars[chars.length - 1] && middle !== '*') expect(masked).not.toContain(middle);
        }
      }),
    );
  });
});
