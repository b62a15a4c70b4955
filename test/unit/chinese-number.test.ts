import { describe, it, expect } from 'vitest';
import { parseChineseNumber } from '../../src/domain/text/chinese-number.js';

describe('parseChineseNumber', () => {
  it.each([
    ['0', 0],
    ['5', 5],
    ['007', 7],
    ['123456', 123456],
    ['零', 0],
    ['〇', 0],
    ['一', 1],
    ['二', 2],
    ['两', 2],
    ['九', 9],
    ['十', 10],
    ['一十', 10],
    ['十二', 12],
    ['二十', 20],
    ['二十五', 25],
    ['九十九', 99],
    ['廿', 20],
    ['廿三', 23],
    [' 十二 ', 12],
    ['一百', 100],
    ['两百', 200],
    ['一百零五', 105],
    ['一百二十', 120],
    ['一百二十三', 123],
    ['一百五', 150],
  ])('%j → %d', (input, expected) => {
    expect(parseChineseNumber(input)).toBe(expected);
  });

  it.each([
    [''],
    ['  '],
    ['1234567'],
    ['-3'],
    ['3.5'],
    ['1e3'],
    ['１２'], // callers normalise full-width digits first
    ['十两'],
    ['两十'],
    ['十十'],
    ['二二'],
    ['零五'],
    ['百'],
    ['一百零'],
    ['百二十'],
    ['一百十'],
    ['一千'],
    ['五户'],
    ['abc'],
    ['constructor'],
  ])('%j → null', (input) => {
    expect(parseChineseNumber(input)).toBeNull();
  });
});
