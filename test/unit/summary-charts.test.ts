import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildSummaryCard } from '../../src/lark/cards/summary-card.js';
import { completionChart, MAX_BARS, trendChart } from '../../src/lark/cards/summary-charts.js';
import { syntheticSummary } from '../helpers/synthetic-summary.js';
import { chartsOf } from '../helpers/summary-pages.js';

/** What Lark's chart component takes (lark-platform-2.md §2): a VChart spec of data, no code. */
const point = z.object({ rate: z.number().int().min(0).max(100) }).catchall(z.union([z.string(), z.number()]));
const spec = z.object({
  type: z.enum(['bar', 'line']),
  title: z.object({ visible: z.literal(true), text: z.string().min(1) }),
  data: z.tuple([z.object({ id: z.string(), values: z.array(point).min(2) })]),
  xField: z.string(),
  yField: z.literal('rate'),
  seriesField: z.string().optional(),
  axes: z.array(z.object({ orient: z.literal('left'), min: z.literal(0), max: z.literal(100) })),
});
const component = z.object({ tag: z.literal('chart'), aspect_ratio: z.enum(['1:1', '2:1', '4:3', '16:9']), color_theme: z.string(), chart_spec: z.record(z.string(), z.unknown()) });

describe('the summary’s charts', () => {
  it.each(['county', 'province'] as const)('%s: a bar per town (the worst, at most 20) and a line per series over six periods, all valid specs', (scale) => {
    const summary = syntheticSummary(scale, true);
    const bar = completionChart(summary)!;
    const line = trendChart(summary)!;
    for (const chart of [bar, line]) {
      component.parse(chart);
      const parsed = spec.parse(chart.chart_spec);
      for (const value of parsed.data[0].values) {
        expect(value).toHaveProperty(parsed.xField);
        if (parsed.seriesField) expect(value).toHaveProperty(parsed.seriesField);
      }
      expect(JSON.stringify(chart)).not.toMatch(/function|=>/);
    }
    const bars = spec.parse(bar.chart_spec).data[0].values;
    expect(bars.length).toBe(Math.min(MAX_BARS, summary.towns.length));
    const rates = summary.towns.map((t) => Math.round((t.totals.answered / t.totals.expected) * 100)).sort((a, b) => a - b);
    expect(bars.map((b) => b.rate)).toEqual(rates.slice(0, bars.length));
    const lines = spec.parse(line.chart_spec).data[0].values;
    expect(lines).toHaveLength(12);
    expect(lines.filter((v) => v.series === '填报率').map((v) => v.period)).toEqual(summary.trend.map((p) => p.period));
    // Both on the card, at most the five Lark recommends.
    expect(chartsOf(buildSummaryCard(summary, 'Asia/Shanghai')).map((c) => c.type)).toEqual(['bar', 'line']);
  });

  it('one school has nothing to compare: no bar chart; one period has no trend', () => {
    const summary = syntheticSummary('county', true);
    const one = { ...summary, towns: [{ ...summary.towns[0]!, schools: [summary.towns[0]!.schools[0]!] }], trend: summary.trend.slice(-1) };
    expect(completionChart(one)).toBeUndefined();
    expect(trendChart(one)).toBeUndefined();
  });
});
