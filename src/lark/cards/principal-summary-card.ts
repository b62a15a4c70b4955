import type { BureauSummary } from '../../domain/summary/build-bureau-summary.js';
import { summaryTexts } from '../../texts/summary-texts.js';
import { completionChart, trendChart } from './summary-charts.js';
import { answeredRate, compactCardWithin, fitLines, frameSummaryCard, markdown, showSummary, type ShownSchool as SchoolLine, type ShownSummary } from './summary-card-frame.js';
import { clampPage, pageCount, pagerRow, SCHOOLS_PER_PAGE, SCHOOLS_PER_PAGE_WITH_BUTTONS } from './summary-pager.js';

/** The button that opens a school's report for the round (report-text-card.ts), passed in by who builds the card. */
export type ReportButton = (o: { roundId: number; schoolId: number }) => Record<string, unknown>;
type ShownTown = ShownSummary['towns'][number];

const texts = summaryTexts.principals;
const notFiled = (s: SchoolLine) => s.answered < s.expected;

function mark(s: SchoolLine, pastDue: boolean): string {
  if (s.expected === 0) return texts.marks.nobody;
  if (notFiled(s)) return pastDue ? texts.marks.missingPastDue : texts.marks.missing;
  return s.late > 0 ? texts.marks.late : texts.marks.onTime;
}

/** The scope's totals, then the schools whose principal has not filed (as many names as `budget` bytes hold). */
function header(summary: ShownSummary, missing: SchoolLine[], budget: number): unknown[] {
  const change = summary.previous ? summaryTexts.changeAgainst(summary.totals, summary.previous.totals, summary.previous.period) : '';
  const elements: unknown[] = [
    markdown(`**${summaryTexts.scopeTotal(summary.town, summary.school, summary.group)}**　${texts.totals(summary.totals)}${change ? `\n${change}` : ''}`),
  ];
  if (summary.towns.length === 0) return [...elements, markdown(summaryTexts.noSchools)];
  if (missing.length === 0) return [...elements, markdown(texts.allFiled)];
  const names = fitLines(missing.map(texts.missingName), budget);
  const more = names.hidden ? [summaryTexts.compact.more(names.hidden, '所学校')] : [];
  elements.push(markdown([texts.missingHeading(summary.pastDue, missing.length), [...names.shown, ...more].join('、')].join('\n')));
  return elements;
}

/** A school's row: its status line, and (1:1, filed) a button that opens the principal's report. */
const statusLine = (summary: ShownSummary, s: SchoolLine) => texts.schoolLine(mark(s, summary.pastDue), s.school, texts.status(s)) + summaryTexts.change(s, s.previous);

function schoolRow(summary: ShownSummary, s: SchoolLine, reportButton: ReportButton): unknown {
  const line = statusLine(summary, s);
  if (summary.roundId === undefined || s.answered === 0) return markdown(line);
  return {
    tag: 'column_set',
    flex_mode: 'none',
    columns: [
      { tag: 'column', width: 'weighted', weight: 4, vertical_align: 'center', elements: [markdown(line)] },
      { tag: 'column', width: 'auto', elements: [reportButton({ roundId: summary.roundId, schoolId: s.schoolId })] },
    ],
  };
}

/** One block per town of the page's schools, each school with whether its principal filed, on time or late. */
function pageBody(summary: ShownSummary, rows: { town: ShownTown; school: SchoolLine }[], reportButton: ReportButton | undefined): unknown[] {
  const elements: unknown[] = [];
  for (let i = 0; i < rows.length; ) {
    const town = rows[i]!.town;
    // With one town asked for, its totals are already the scope totals above.
    const heading = summary.town ? summaryTexts.townHeading(town.name) : `${summaryTexts.townHeading(town.name)}　${texts.townTotals(town.totals)}`;
    elements.push({ tag: 'hr' });
    if (reportButton) {
      elements.push(markdown(heading));
      for (; i < rows.length && rows[i]!.town === town; i++) elements.push(schoolRow(summary, rows[i]!.school, reportButton));
    } else {
      const lines: string[] = [];
      for (; i < rows.length && rows[i]!.town === town; i++) lines.push(statusLine(summary, rows[i]!.school));
      elements.push(markdown([heading, ...lines].join('\n')));
    }
  }
  return elements;
}

/** Town totals worst first, cut to `budget` bytes: a province's overview on the first page. */
function townList(summary: ShownSummary, budget: number): unknown[] {
  const townLines = [...summary.towns]
    .sort((a, b) => answeredRate(a.totals) - answeredRate(b.totals) || b.totals.expected - a.totals.expected)
    .map((t) => texts.townLine(t.name, t.totals));
  const towns = fitLines(townLines, budget);
  return [
    { tag: 'hr' },
    markdown(
      [summaryTexts.compact.townsHeading(towns.shown.length, townLines.length), ...towns.shown, ...(towns.hidden ? [summaryTexts.compact.more(towns.hidden, '个镇街')] : [])].join(
        '\n',
      ),
    ),
  ];
}

/**
 * A principals' campaign (月有安排, 学期有计划 …) as the bureau's card: the totals and the names
 * of the schools whose principal has not filed, the charts, then per town and school whether the
 * principal filed, on time or late, a page at a time; 1:1 (`reportButton`), a filed school's row
 * has a button that opens the report.
 */
export function buildPrincipalSummaryCard(
  summary: BureauSummary,
  timezone: string,
  o: { page?: number; buttons?: boolean; reportButton?: ReportButton } = {},
): Record<string, unknown> {
  const shown = showSummary(summary);
  const rows = shown.towns.flatMap((town) => town.schools.map((school) => ({ town, school })));
  const missing = rows.map((r) => r.school).filter(notFiled);
  const reportButton = o.buttons && summary.roundId !== undefined ? o.reportButton : undefined;
  const perPage = reportButton ? SCHOOLS_PER_PAGE_WITH_BUTTONS : SCHOOLS_PER_PAGE;
  const pages = pageCount(rows.length, perPage);
  const page = clampPage(o.page ?? 1, pages);
  const from = (page - 1) * perPage;
  const charts = [completionChart(summary), trendChart(summary)].filter((c) => c !== undefined);
  const manyTowns = pages > 1 && page === 1 && shown.towns.length > 1 && !summary.town;
  const legend = [texts.legend(summary.pastDue), summary.previous ? summaryTexts.changeLegend : ''].filter(Boolean).join('\n');
  const build = (budget: number) =>
    frameSummaryCard(summary, { timezone, alert: summary.pastDue && missing.length > 0, legend }, [
      // The names missing get up to 60% of the room, the towns the rest.
      ...header(shown, missing, pages > 1 ? Math.floor(budget * 0.6) : Number.POSITIVE_INFINITY),
      ...charts,
      ...(manyTowns ? townList(shown, Math.floor(budget * 0.4)) : []),
      ...pageBody(shown, rows.slice(from, from + perPage), reportButton),
      ...(pages > 1
        ? [
            markdown(summaryTexts.pages.schoolsHeading(from + 1, Math.min(from + perPage, rows.length), rows.length)),
            pagerRow({ query: { ...summary.query, ...(o.buttons ? { buttons: true } : {}) }, page, pages }),
          ]
        : []),
    ]);
  return pages > 1 ? compactCardWithin(build) : build(0);
}
