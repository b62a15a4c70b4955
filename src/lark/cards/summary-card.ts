import type { BureauSummary } from '../../domain/summary/build-bureau-summary.js';
import type { ChildCounts } from '../../domain/summary/children-counts.js';
import type { Shown } from '../../texts/shown.js';
import { summaryTexts } from '../../texts/summary-texts.js';
import { buildPrincipalSummaryCard } from './principal-summary-card.js';
import { openReportButton } from './report-text-card.js';
import { completionChart, trendChart } from './summary-charts.js';
import {
  answeredRate,
  compactCardWithin,
  fitLines,
  frameSummaryCard,
  markdown,
  showSummary,
  type ShownSchool,
  type ShownSummary,
} from './summary-card-frame.js';
import { clampPage, pageCount, pagerRow, SCHOOLS_PER_PAGE } from './summary-pager.js';

export { SUMMARY_CARD_MAX_BYTES, SUMMARY_CARD_MAX_ELEMENTS } from './summary-card-frame.js';

/** Which page of the schools, and (1:1 only) whether rows may carry buttons that open a report. */
export type SummaryCardOptions = { page?: number; buttons?: boolean };

type ShownTown = ShownSummary['towns'][number];

/** A place with no students and no visits gets no line: most schools' lines would be all zeros. */
const hasChildren = (c: ChildCounts | undefined): c is ChildCounts =>
  c !== undefined && c.listed + c.visits.home + c.visits.phone + c.visits.video + c.alert + c.watch + c.unvisited + c.dropouts + c.daily.due + c.aid.aided > 0;

/** `line`, then the children's line under it when there is one to show. */
const withChildren = (line: string, c: ChildCounts | undefined) => (hasChildren(c) ? `${line}\n${summaryTexts.children.line(c)}` : line);

function schoolMark(s: ShownSchool): string {
  if (s.complete) return summaryTexts.marks.complete;
  return s.lagging ? summaryTexts.marks.lagging : summaryTexts.marks.inProgress;
}

/** The scope's totals with their change, the principals' reports, and the children's block. */
function scopeHeader(summary: ShownSummary, lagging: number): unknown[] {
  const t = summary.totals;
  const change = summary.previous ? summaryTexts.changeAgainst(t, summary.previous.totals, summary.previous.period) : '';
  const elements: unknown[] = [
    markdown(
      [
        `**${summaryTexts.scopeTotal(summary.town, summary.school, summary.group)}**　${summaryTexts.totals(t, summary.columns)}`,
        [summaryTexts.onTime(t), change].filter(Boolean).join(' · '),
      ].join('\n'),
    ),
  ];
  if (lagging > 0) elements.push(markdown(summaryTexts.laggingCount(lagging)));
  if (summary.reports) elements.push(markdown(summaryTexts.reports.totals(summary.reports.titles, summary.reports.totals)));
  if (summary.towns.length === 0) elements.push(markdown(summaryTexts.noSchools));
  else if (summary.children) elements.push(markdown(summaryTexts.children.scope(summary.children.month, summary.children.totals, summary.children.aidTerm)));
  return elements;
}

function schoolLine(summary: ShownSummary, s: ShownSchool): string {
  const line =
    summaryTexts.schoolLine({ ...s, school: `${s.school}${summaryTexts.groupRole(s.groupRole)}` as Shown }, summary.columns, schoolMark(s)) +
    summaryTexts.change(s, s.previous) +
    (s.late > 0 ? ` · 逾期 ${s.late}` : '') +
    (s.reports ? summaryTexts.reports.mark(s.reports) : '');
  // With one school asked for, its children are already the scope's block above.
  return withChildren(s.lagging ? `${line}　${summaryTexts.laggingNote}` : line, summary.school ? undefined : s.children);
}

/** One block per town of the page's schools; a town's heading carries its totals unless it is the whole scope. */
function pageBody(summary: ShownSummary, page: { town: ShownTown; school: ShownSchool }[]): unknown[] {
  const elements: unknown[] = [];
  for (let i = 0; i < page.length; ) {
    const town = page[i]!.town;
    const lines: string[] = [];
    for (; i < page.length && page[i]!.town === town; i++) lines.push(schoolLine(summary, page[i]!.school));
    const heading = summary.town
      ? summaryTexts.townHeading(town.name)
      : withChildren(`${summaryTexts.townHeading(town.name)}　${summaryTexts.totals(town.totals, summary.columns)}${summaryTexts.change(town.totals, town.previous)}`, town.children);
    elements.push({ tag: 'hr' }, markdown([heading, ...lines].join('\n')));
  }
  return elements;
}

/** The three schools furthest behind and the three furthest ahead: what a long list's first page leads with. */
function extremes(schools: ShownSchool[]): unknown[] {
  const byRate = [...schools].sort((a, b) => answeredRate(a) - answeredRate(b) || b.expected - b.answered - (a.expected - a.answered));
  const item = (s: ShownSchool) => summaryTexts.extremes.item(s.school, s);
  return [markdown([summaryTexts.extremes.worst(byRate.slice(0, 3).map(item)), summaryTexts.extremes.best(byRate.slice(-3).reverse().map(item))].join('\n'))];
}

/** Town totals, worst first, as many as `budget` bytes hold: a province's overview on the first page. */
function townList(summary: ShownSummary, budget: number): unknown[] {
  const texts = summaryTexts.compact;
  const towns = [...summary.towns].sort((a, b) => answeredRate(a.totals) - answeredRate(b.totals) || b.totals.expected - a.totals.expected);
  const lines = towns.map(
    (t) => texts.townLine(t.name, t.totals, summary.columns) + summaryTexts.change(t.totals, t.previous) + (t.children ? summaryTexts.children.compactSuffix(t.children) : ''),
  );
  const fit = fitLines(lines, budget);
  return [{ tag: 'hr' }, markdown([texts.townsHeading(fit.shown.length, lines.length), ...fit.shown, ...(fit.hidden ? [texts.more(fit.hidden, '个镇街')] : [])].join('\n'))];
}

/**
 * The bureau's summary as a Lark card (JSON 2.0): scope totals and their change first, the
 * completion and trend charts, then the schools by town a page at a time, with 上一页/下一页
 * whose callbacks redraw the card in place; a long list's first page leads with the schools
 * furthest behind and ahead and the towns worst first, cut to Lark's size limit. A principals'
 * campaign shows who filed instead (buildPrincipalSummaryCard).
 */
export function buildSummaryCard(summary: BureauSummary, timezone: string, o: SummaryCardOptions = {}): Record<string, unknown> {
  if (summary.campaign.audience === 'principals') return buildPrincipalSummaryCard(summary, timezone, { ...o, reportButton: openReportButton });
  const shown = showSummary(summary);
  const lagging = summary.towns.reduce((n, t) => n + t.schools.filter((s) => s.lagging).length, 0);
  const rows = shown.towns.flatMap((town) => town.schools.map((school) => ({ town, school })));
  const pages = pageCount(rows.length, SCHOOLS_PER_PAGE);
  const page = clampPage(o.page ?? 1, pages);
  const from = (page - 1) * SCHOOLS_PER_PAGE;
  const charts = [completionChart(summary), trendChart(summary)].filter((c) => c !== undefined);
  const legend = [summaryTexts.legend(summary.pastDue), summary.previous ? summaryTexts.changeLegend : '', summary.children ? summaryTexts.children.legend : '']
    .filter(Boolean)
    .join('\n');
  const manyTowns = pages > 1 && page === 1 && shown.towns.length > 1 && !summary.town;
  const build = (budget: number) =>
    frameSummaryCard(summary, { timezone, alert: lagging > 0, legend }, [
      ...scopeHeader(shown, lagging),
      ...charts,
      ...(pages > 1 && page === 1 ? extremes(rows.map((r) => r.school)) : []),
      ...(manyTowns ? townList(shown, budget) : []),
      ...pageBody(shown, rows.slice(from, from + SCHOOLS_PER_PAGE)),
      ...(rows.length > SCHOOLS_PER_PAGE
        ? [markdown(summaryTexts.pages.schoolsHeading(from + 1, Math.min(from + SCHOOLS_PER_PAGE, rows.length), rows.length)), pagerRow({ query: summary.query, page, pages })]
        : []),
    ]);
  return manyTowns ? compactCardWithin(build) : build(0);
}
