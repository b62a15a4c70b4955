import type { BureauSummary, SchoolLine, Totals } from '../../domain/summary/build-bureau-summary.js';
import type { ChildCounts } from '../../domain/summary/children-counts.js';
import { formatLocal } from '../../domain/time/zoned-time.js';
import type { Shown } from '../../texts/shown.js';
import { summaryTexts } from '../../texts/summary-texts.js';
import { escapeMarkdown } from './escape-markdown.js';

/**
 * Lark refuses a card over 30 KB (and over 200 elements). Style tags and escaping inflate the
 * count on Lark's side, so the card aims well below: 24 KB of JSON and at most 100 elements.
 */
export const SUMMARY_CARD_MAX_BYTES = 24 * 1024;
export const SUMMARY_CARD_MAX_ELEMENTS = 100;

export type ShownSchool = Omit<SchoolLine, 'school' | 'town'> & { school: Shown; town: Shown };
/** A summary whose names (towns, schools, the form's labels) are escaped for the card's markdown. */
export type ShownSummary = Omit<BureauSummary, 'columns' | 'town' | 'school' | 'group' | 'towns'> & {
  columns: { name: string; label: Shown }[];
  town: Shown | undefined;
  school: Shown | undefined;
  group: Shown | undefined;
  towns: { name: Shown; schools: ShownSchool[]; totals: Totals; children?: ChildCounts; previous?: Totals }[];
};

/**
 * Every name in the summary escaped once, where the card starts: the bodies see only these, so
 * none can put a roster name into markdown raw. (The header is plain_text and keeps the raw title.)
 */
export function showSummary(summary: BureauSummary): ShownSummary {
  const maybe = (v: string | undefined) => (v === undefined ? undefined : escapeMarkdown(v));
  return {
    ...summary,
    columns: summary.columns.map((c) => ({ name: c.name, label: escapeMarkdown(c.label) })),
    town: maybe(summary.town),
    school: maybe(summary.school),
    group: maybe(summary.group),
    towns: summary.towns.map((t) => ({
      name: escapeMarkdown(t.name),
      totals: t.totals,
      ...(t.children ? { children: t.children } : {}),
      ...(t.previous ? { previous: t.previous } : {}),
      schools: t.schools.map((s) => ({ ...s, school: escapeMarkdown(s.school), town: escapeMarkdown(s.town) })),
    })),
  };
}

export const markdown = (content: string) => ({ tag: 'markdown', content });
/** Share answered, for ordering worst first; nobody expected counts as complete. */
export const answeredRate = (t: { answered: number; expected: number }) => (t.expected === 0 ? 1 : t.answered / t.expected);
export const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

/** As many lines as fit in `budget` bytes (as JSON), in order, and how many were left out. */
export function fitLines(lines: string[], budget: number): { shown: string[]; hidden: number } {
  const shown: string[] = [];
  let used = 0;
  for (const line of lines) {
    const cost = jsonBytes(line) - 1; // the quotes, less the joining newline
    if (used + cost > budget) break;
    shown.push(line);
    used += cost;
  }
  return { shown, hidden: lines.length - shown.length };
}

/** Every summary card's frame: the title, the deadline, the body, and the legend at the foot. */
export function frameSummaryCard(
  summary: BureauSummary,
  o: { timezone: string; alert: boolean; legend: string },
  elements: unknown[],
): Record<string, unknown> {
  const title = summaryTexts.title(summary.campaign.title, summary.period, summary.town, summary.school, summary.group);
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: title } },
    header: {
      title: { tag: 'plain_text', content: title },
      subtitle: { tag: 'plain_text', content: summaryTexts.subtitle(formatLocal(summary.dueAt, o.timezone), summary.pastDue, summary.rounds) },
      template: o.alert ? 'orange' : 'blue',
    },
    body: {
      elements: [...elements, { tag: 'hr' }, { tag: 'markdown', content: o.legend, text_size: 'notation' }],
    },
  };
}

/** The full card when it is within the limits (and `countHint` says it may be), else undefined. */
export function fullCardIfItFits(card: () => Record<string, unknown>, countHint: number): Record<string, unknown> | undefined {
  // A quick bound first, so a province never renders its 3,000 lines only to throw them away.
  if (countHint > 200) return undefined;
  const full = card();
  const count = (full.body as { elements: unknown[] }).elements.length;
  return count <= SUMMARY_CARD_MAX_ELEMENTS && jsonBytes(full) <= SUMMARY_CARD_MAX_BYTES ? full : undefined;
}

/** A compact card cut to the size limit: `build(budget)` puts at most `budget` bytes of lines in its frame. */
export function compactCardWithin(build: (budget: number) => Record<string, unknown>): Record<string, unknown> {
  let budget = SUMMARY_CARD_MAX_BYTES - jsonBytes(build(0));
  for (;;) {
    const card = build(budget);
    // Escaping can make a line cost a little more than counted: shrink until it fits.
    if (jsonBytes(card) <= SUMMARY_CARD_MAX_BYTES || budget <= 0) return card;
    budget -= Math.max(256, jsonBytes(card) - SUMMARY_CARD_MAX_BYTES);
  }
}
