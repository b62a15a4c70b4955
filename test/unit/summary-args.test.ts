import { describe, expect, it } from 'vitest';
import { parseSummaryArgs } from '../../src/lark/chat/summary-command.js';

describe('汇总 arguments', () => {
  it.each([
    ['', {}],
    ['2026-12', { period: '2026-12' }],
    ['横渠镇', { place: '横渠镇' }],
    ['横渠镇中心小学', { place: '横渠镇中心小学' }],
    ['2026年3月 横渠镇中心小学', { period: '2026-03', place: '横渠镇中心小学' }],
    ['横渠镇 中心小学 2026/12', { period: '2026-12', town: '横渠镇', school: '中心小学' }],
  ])('「汇总 %s」', (args, expected) => {
    expect(parseSummaryArgs(args)).toEqual(expected);
  });

  it.each(['2026-12 2026-11', 'a b c', '2026-13'])('refuses 「汇总 %s」', (args) => {
    expect(parseSummaryArgs(args)).toBeUndefined();
  });
});
