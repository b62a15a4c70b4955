import type { BureauSummary, SchoolLine } from '../domain/summary/build-bureau-summary.js';
import { formatLocal } from '../domain/time/zoned-time.js';
import { summaryTexts } from '../texts/summary-texts.js';

const markdown = (content: string) => ({ tag: 'markdown', content });

function schoolMark(s: SchoolLine): string {
  if (s.complete) return summaryTexts.marks.complete;
  return s.lagging ? summaryTexts.marks.lagging : summaryTexts.marks.inProgress;
}

/** The bureau's summary as a Lark card (JSON 2.0): one block per town, county totals first. */
export function buildSummaryCard(summary: BureauSummary, timezone: string): Record<string, unknown> {
  const lagging = summary.towns.flatMap((t) => t.schools).filter((s) => s.lagging).length;
  const elements: unknown[] = [
    markdown(`**${summaryTexts.scopeTotal(summary.town)}**　${summaryTexts.totals(summary.totals, summary.columns)}`),
  ];
  if (lagging > 0) elements.push(markdown(summaryTexts.laggingCount(lagging)));
  if (summary.towns.length === 0) elements.push(markdown(summaryTexts.noSchools));
  for (const town of summary.towns) {
    elements.push({ tag: 'hr' });
    const lines = town.schools.map((s) => {
      const line = summaryTexts.schoolLine(s, summary.columns, schoolMark(s));
      return s.lagging ? `${line}　${summaryTexts.laggingNote}` : line;
    });
    // With one town asked for, its totals are already the scope totals above.
    const heading = summary.town ? `**${town.name}**` : `**${town.name}**　${summaryTexts.totals(town.totals, summary.columns)}`;
    elements.push(markdown([heading, ...lines].join('\n')));
  }
  elements.push({ tag: 'hr' }, { tag: 'markdown', content: summaryTexts.legend(summary.pastDue), text_size: 'notation' });
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: summaryTexts.title(summary.campaign.title, summary.period, summary.town) } },
    header: {
      title: { tag: 'plain_text', content: summaryTexts.title(summary.campaign.title, summary.period, summary.town) },
      subtitle: { tag: 'plain_text', content: summaryTexts.subtitle(formatLocal(summary.dueAt, timezone), summary.pastDue) },
      template: lagging > 0 ? 'orange' : 'blue',
    },
    body: { elements },
  };
}
