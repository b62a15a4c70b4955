import type { BureauSummary } from '../../domain/summary/build-bureau-summary.js';
import { summaryTexts } from '../../texts/summary-texts.js';
import {
  answeredRate,
  compactCardWithin,
  fitLines,
  frameSummaryCard,
  fullCardIfItFits,
  jsonBytes,
  markdown,
  showSummary,
  type ShownSchool as SchoolLine,
  type ShownSummary,
} from './summary-card-frame.js';

const texts = summaryTexts.principals;
const notFiled = (s: SchoolLine) => s.answered < s.expected;

function mark(s: SchoolLine, pastDue: boolean): string {
  if (s.expected === 0) return texts.marks.nobody;
  if (notFiled(s)) return pastDue ? texts.marks.missingPastDue : texts.marks.missing;
  return s.late > 0 ? texts.marks.late : texts.marks.onTime;
}

/** The scope's totals, then the schools whose principal has not filed (as many names as `budget` bytes hold). */
function header(summary: ShownSummary, missing: SchoolLine[], budget: number): unknown[] {
  const elements: unknown[] = [markdown(`**${summaryTexts.scopeTotal(summary.town, summary.school)}**　${texts.totals(summary.totals)}`)];
  if (summary.towns.length === 0) return [...elements, markdown(summaryTexts.noSchools)];
  if (missing.length === 0) return [...elements, markdown(texts.allFiled)];
  const names = fitLines(missing.map(texts.missingName), budget);
  const more = names.hidden ? [summaryTexts.compact.more(names.hidden, '所学校')] : [];
  elements.push(markdown([texts.missingHeading(summary.pastDue, missing.length), [...names.shown, ...more].join('、')].join('\n')));
  return elements;
}

/** Every school, one block per town, each with whether its principal filed, on time or late. */
function fullBody(summary: ShownSummary, missing: SchoolLine[]): unknown[] {
  const elements = header(summary, missing, Number.POSITIVE_INFINITY);
  for (const town of summary.towns) {
    elements.push({ tag: 'hr' });
    const lines = town.schools.map((s) => texts.schoolLine(mark(s, summary.pastDue), s.school, texts.status(s)));
    // With one town asked for, its totals are already the scope totals above.
    const heading = summary.town ? summaryTexts.townHeading(town.name) : `${summaryTexts.townHeading(town.name)}　${texts.townTotals(town.totals)}`;
    elements.push(markdown([heading, ...lines].join('\n')));
  }
  return elements;
}

/** A province: the schools not filed, then town totals worst first, each cut to its share of `budget`. */
function compactBody(summary: ShownSummary, missing: SchoolLine[], townLines: string[], budget: number): unknown[] {
  // The names missing get up to 60% of the room, the towns the rest (and what the names left unused).
  const elements = header(summary, missing, Math.floor(budget * 0.6));
  const used = elements.reduce<number>((n, e) => n + jsonBytes(e), 0);
  const towns = fitLines(townLines, Math.max(0, budget - used));
  elements.push({ tag: 'hr' });
  elements.push(
    markdown(
      [
        summaryTexts.compact.townsHeading(towns.shown.length, townLines.length),
        ...towns.shown,
        ...(towns.hidden ? [summaryTexts.compact.more(towns.hidden, '个镇街')] : []),
      ].join('\n'),
    ),
  );
  elements.push({ tag: 'markdown', content: summaryTexts.compact.drillDown, text_size: 'notation' });
  return elements;
}

/**
 * A principals' campaign (月有安排, 学期有计划 …) as the bureau's card: the totals and the names
 * of the schools whose principal has not filed, then per town and school whether the principal
 * filed, on time or late; in a province, the names and the towns worst first, cut to fit.
 */
export function buildPrincipalSummaryCard(summary: BureauSummary, timezone: string): Record<string, unknown> {
  const shown = showSummary(summary);
  const schools = shown.towns.flatMap((t) => t.schools);
  const missing = schools.filter(notFiled);
  const frame = (elements: unknown[]) =>
    frameSummaryCard(summary, { timezone, alert: summary.pastDue && missing.length > 0, legend: texts.legend(summary.pastDue) }, elements);
  const full = fullCardIfItFits(() => frame(fullBody(shown, missing)), schools.length);
  if (full) return full;
  const townLines = [...shown.towns]
    .sort((a, b) => answeredRate(a.totals) - answeredRate(b.totals) || b.totals.expected - a.totals.expected)
    .map((t) => texts.townLine(t.name, t.totals));
  return compactCardWithin((budget) => frame(compactBody(shown, missing, townLines, budget)));
}
