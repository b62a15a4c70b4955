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

  const december = { year: 2026, month: 12 };
  const january = { year: 2027, month: 1 };
  it.each([
    ['12月', december, { period: '2026-12' }],
    ['11月 横渠镇', december, { period: '2026-11', place: '横渠镇' }],
    ['12月', january, { period: '2026-12' }],
    ['本月', january, { period: '2027-01' }],
    ['上个月', january, { period: '2026-12' }],
    ['上月 横渠镇', december, { period: '2026-11', place: '横渠镇' }],
    ['2026年12月', january, { period: '2026-12' }],
  ] as const)('「汇总 %s」 in %o', (args, today, expected) => {
    expect(parseSummaryArgs(args, today)).toEqual(expected);
  });

  it.each([
    ['月有安排', { place: '月有安排' }],
    ['月有安排 12月 首善街道', { period: '2026-12', town: '月有安排', school: '首善街道' }],
    ['月有安排 横渠镇 中心小学', { campaign: '月有安排', town: '横渠镇', school: '中心小学' }],
    ['半年有总结 2026-H2', { period: '2026-H2', place: '半年有总结' }],
    ['全年有汇报 2026', { period: '2026', place: '全年有汇报' }],
    ['全年有汇报 2026年', { period: '2026', place: '全年有汇报' }],
    ['2026-q4', { period: '2026-Q4' }],
  ] as const)('「汇总 %s」 may start with a campaign (the domain decides which words name one)', (args, expected) => {
    expect(parseSummaryArgs(args, { year: 2026, month: 12 })).toEqual(expected);
  });

  it.each(['2026-12 2026-11', 'a b c d', '2026-13', '2026-H3', '2026 2026-12'])('refuses 「汇总 %s」', (args) => {
    expect(parseSummaryArgs(args)).toBeUndefined();
  });

  it.each(['本月 上个月', '13月', '12月 2026-11'])('refuses 「汇总 %s」 (two periods, or no such month)', (args) => {
    expect(parseSummaryArgs(args, { year: 2026, month: 12 })).toBeUndefined();
  });
});
