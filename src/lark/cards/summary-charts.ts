import type { BureauSummary } from '../../domain/summary/build-bureau-summary.js';
import { summaryTexts } from '../../texts/summary-texts.js';

/** A bar per place at most: a province's thousand towns would be a smear; the worst are what to read. */
export const MAX_BARS = 20;

const rate = (t: { answered: number; expected: number }) => (t.expected === 0 ? 100 : Math.round((t.answered / t.expected) * 100));
const onTimeRate = (t: { answered: number; late: number; expected: number }) => (t.expected === 0 ? 100 : Math.round(((t.answered - t.late) / t.expected) * 100));

/** Lark's chart component around a VChart spec (lark-platform-2.md §2): data only, no functions. */
const chart = (spec: Record<string, unknown>) => ({ tag: 'chart', aspect_ratio: '16:9', color_theme: 'brand', chart_spec: spec });

/**
 * Completion per town as bars (per school when the selection is one town or group), worst first
 * and at most MAX_BARS of them; undefined for one school, which has nothing to compare.
 */
export function completionChart(summary: BureauSummary): Record<string, unknown> | undefined {
  const byTown = summary.towns.length > 1 && summary.group === undefined;
  const places = byTown
    ? summary.towns.map((t) => ({ name: t.name, ...t.totals }))
    : summary.towns.flatMap((t) => t.schools.map((s) => ({ name: s.school, expected: s.expected, answered: s.answered, late: s.late })));
  if (places.length < 2) return undefined;
  const shown = places
    .map((p) => ({ name: p.name, rate: rate(p) }))
    .sort((a, b) => a.rate - b.rate)
    .slice(0, MAX_BARS);
  return chart({
    type: 'bar',
    title: { visible: true, text: summaryTexts.charts.completionTitle(byTown ? '镇街' : '学校', shown.length, places.length) },
    data: [{ id: 'completion', values: shown }],
    xField: 'name',
    yField: 'rate',
    axes: [{ orient: 'left', min: 0, max: 100 }],
    label: { visible: true },
  });
}

/** The last periods' completion and on-time share as lines; undefined with fewer than two periods. */
export function trendChart(summary: BureauSummary): Record<string, unknown> | undefined {
  if (summary.trend.length < 2) return undefined;
  const values = summary.trend.flatMap((p) => [
    { period: p.period, series: summaryTexts.charts.completed, rate: rate(p) },
    { period: p.period, series: summaryTexts.charts.onTime, rate: onTimeRate(p) },
  ]);
  return chart({
    type: 'line',
    title: { visible: true, text: summaryTexts.charts.trendTitle(summary.trend.length) },
    data: [{ id: 'trend', values }],
    xField: 'period',
    yField: 'rate',
    seriesField: 'series',
    axes: [{ orient: 'left', min: 0, max: 100 }],
    point: { visible: true },
    legends: { visible: true, orient: 'bottom' },
  });
}
