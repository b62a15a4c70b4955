import type { BureauSummary } from '../../domain/summary/build-bureau-summary.js';
import type { ChildCounts } from '../../domain/summary/children-counts.js';
import type { Shown } from '../../texts/shown.js';
import { summaryTexts } from '../../texts/summary-texts.js';
import { buildPrincipalSummaryCard } from './principal-summary-card.js';
import {
  answeredRate,
  compactCardWithin,
  fitLines,
  frameSummaryCard,
  fullCardIfItFits,
  jsonBytes,
  markdown,
  showSummary,
  type ShownSchool,
  type ShownSummary,
} from './summary-card-frame.js';

export { SUMMARY_CARD_MAX_BYTES, SUMMARY_CARD_MAX_ELEMENTS } from './summary-card-frame.js';

/** A place with no students and no visits gets no line: most schools' lines would be all zeros. */
const hasChildren = (c: ChildCounts | undefined): c is ChildCounts =>
  c !== undefined && c.listed + c.visits.home + c.visits.phone + c.visits.video + c.alert + c.watch + c.unvisited + c.dropouts + c.daily.due + c.aid.aided > 0;

/** `line`, then the children's line under it when there is one to show. */
const withChildren = (line: string, c: ChildCounts | undefined) => (hasChildren(c) ? `${line}\n${summaryTexts.children.line(c)}` : line);

function schoolMark(s: ShownSchool): string {
  if (s.complete) return summaryTexts.marks.complete;
  return s.lagging ? summaryTexts.marks.lagging : summaryTexts.marks.inProgress;
}

function scopeHeader(summary: ShownSummary, lagging: number): unknown[] {
  const elements: unknown[] = [
    markdown(`**${summaryTexts.scopeTotal(summary.town, summary.school)}**　${summaryTexts.totals(summary.totals, summary.columns)}`),
  ];
  if (lagging > 0) elements.push(markdown(summaryTexts.laggingCount(lagging)));
  if (summary.towns.length === 0) elements.push(markdown(summaryTexts.noSchools));
  else if (summary.children) elements.push(markdown(summaryTexts.children.scope(summary.children.month, summary.children.totals, summary.children.aidTerm)));
  return elements;
}

/** Every school, one block per town: what a county's bureau reads. */
function fullBody(summary: ShownSummary, lagging: number): unknown[] {
  const elements = scopeHeader(summary, lagging);
  for (const town of summary.towns) {
    elements.push({ tag: 'hr' });
    const lines = town.schools.map((s) => {
      const line = summaryTexts.schoolLine(s, summary.columns, schoolMark(s));
      // With one school asked for, its children are already the scope's block above.
      return withChildren(s.lagging ? `${line}　${summaryTexts.laggingNote}` : line, summary.school ? undefined : s.children);
    });
    // With one town asked for, its totals are already the scope totals above.
    const heading = summary.town
      ? summaryTexts.townHeading(town.name)
      : withChildren(`${summaryTexts.townHeading(town.name)}　${summaryTexts.totals(town.totals, summary.columns)}`, town.children);
    elements.push(markdown([heading, ...lines].join('\n')));
  }
  return elements;
}

type CompactLines = { towns: string[]; behind: string[] };

/** Town totals and the schools still missing answers, each worst first: what a compact card picks from. */
function compactLines(summary: ShownSummary): CompactLines {
  const texts = summaryTexts.compact;
  const towns = [...summary.towns].sort((a, b) => answeredRate(a.totals) - answeredRate(b.totals) || b.totals.expected - a.totals.expected);
  const behind = summary.towns
    .flatMap((t) => t.schools)
    .filter((s) => !s.complete)
    .sort((a, b) => answeredRate(a) - answeredRate(b) || b.expected - b.answered - (a.expected - a.answered));
  return {
    towns: towns.map(
      (t: { name: Shown; totals: ShownSummary['totals']; children?: ChildCounts }) =>
        texts.townLine(t.name, t.totals, summary.columns) + (t.children ? summaryTexts.children.compactSuffix(t.children) : ''),
    ),
    behind: behind.map((s) => texts.schoolLine(s, schoolMark(s))),
  };
}

/**
 * When every school does not fit (a province): town totals and the schools behind, cut to the
 * room left (`budget` bytes), with a count of what was left out.
 */
function compactBody(summary: ShownSummary, lagging: number, lines: CompactLines, budget: number): unknown[] {
  const texts = summaryTexts.compact;
  // Towns get up to 40% of the room, the schools the rest (and what the towns left unused).
  const townFit = fitLines(lines.towns, Math.floor(budget * 0.4));
  const townBytes = townFit.shown.reduce((n, l) => n + jsonBytes(l) - 1, 0);
  const schoolFit = fitLines(lines.behind, budget - townBytes);
  const elements = scopeHeader(summary, lagging);
  elements.push({ tag: 'hr' });
  elements.push(
    markdown(
      [texts.townsHeading(townFit.shown.length, lines.towns.length), ...townFit.shown, ...(townFit.hidden ? [texts.more(townFit.hidden, '个镇街')] : [])].join('\n'),
    ),
  );
  if (lines.behind.length > 0) {
    elements.push({ tag: 'hr' });
    elements.push(
      markdown(
        [texts.laggingHeading(summary.pastDue, lines.behind.length), ...schoolFit.shown, ...(schoolFit.hidden ? [texts.more(schoolFit.hidden, '所学校')] : [])].join('\n'),
      ),
    );
  }
  elements.push({ tag: 'markdown', content: texts.drillDown, text_size: 'notation' });
  return elements;
}

function cardWith(summary: BureauSummary, timezone: string, lagging: number, elements: unknown[]): Record<string, unknown> {
  const legend = summaryTexts.legend(summary.pastDue) + (summary.children ? `\n${summaryTexts.children.legend}` : '');
  return frameSummaryCard(summary, { timezone, alert: lagging > 0, legend }, elements);
}

/**
 * The bureau's summary as a Lark card (JSON 2.0): scope totals first, then every school by town;
 * when that would pass Lark's size limits, town totals and the schools behind, cut to fit. A
 * principals' campaign shows who filed instead (buildPrincipalSummaryCard).
 */
export function buildSummaryCard(summary: BureauSummary, timezone: string): Record<string, unknown> {
  if (summary.campaign.audience === 'principals') return buildPrincipalSummaryCard(summary, timezone);
  const shown = showSummary(summary);
  const lagging = summary.towns.reduce((n, t) => n + t.schools.filter((s) => s.lagging).length, 0);
  const schools = summary.towns.reduce((n, t) => n + t.schools.length, 0);
  const full = fullCardIfItFits(() => cardWith(summary, timezone, lagging, fullBody(shown, lagging)), schools);
  if (full) return full;
  const lines = compactLines(shown);
  return compactCardWithin((budget) => cardWith(summary, timezone, lagging, compactBody(shown, lagging, lines, budget)));
}
