import { exampleReply } from '../../domain/forms/example-reply.js';
import { changeSince, type PrincipalsProgress, type SchoolProgress, type TeachersProgress } from '../../domain/progress/read-school-progress.js';
import { formatLocal } from '../../domain/time/zoned-time.js';
import { progressTexts } from '../../texts/progress-texts.js';
import type { Shown } from '../../texts/shown.js';
import { escapeAllMarkdown, escapeMarkdown } from './escape-markdown.js';

const texts = progressTexts;
/** A school has tens of teachers; past this many names the card says how many more. */
const MAX_NAMES = 120;

const markdown = (content: string) => ({ tag: 'markdown', content });

function teachersLines(s: TeachersProgress): string[] {
  const columns = s.columns.map((c) => ({ name: c.name, label: escapeMarkdown(c.label) }));
  if (s.tally.expected === 0) return [texts.teachers.noTeachers];
  const lines = [texts.teachers.answered(s.tally)];
  if (columns.length > 0) lines.push(texts.teachers.sums(s.tally, columns));
  if (s.previous) {
    const change = changeSince(s.tally, s.previous, columns);
    lines.push(texts.teachers.change(s.previous.period, change.points, change.sums, columns));
  } else {
    lines.push(texts.teachers.noPrevious);
  }
  if (s.missingCount === 0) lines.push(texts.teachers.allAnswered);
  else if (s.missingNames) {
    const shown = escapeAllMarkdown(s.missingNames.slice(0, MAX_NAMES));
    const more = s.missingNames.length > MAX_NAMES ? [texts.teachers.missingMore(s.missingNames.length) as Shown] : [];
    lines.push(texts.teachers.missingNames(s.missingNames.length, [...shown, ...more], s.pastDue));
  } else lines.push(texts.teachers.missingCount(s.missingCount, s.pastDue));
  if (s.children) lines.push(texts.children(s.children.month, s.children.counts));
  return lines;
}

function principalsLine(s: PrincipalsProgress, timezone: string): string {
  if (s.filed) {
    const at = formatLocal(s.filed.submittedAt, timezone);
    return s.filed.late ? texts.principals.late(at, s.filed.revisions) : texts.principals.onTime(at, s.filed.revisions);
  }
  const example = escapeMarkdown(exampleReply(s.campaign.definition.form.fields));
  return s.pastDue ? texts.principals.missingPastDue(example) : texts.principals.missing(example);
}

/**
 * 「进度」 as a card (JSON 2.0): one block per open campaign of the principal's school. What it
 * holds is decided by the domain (teachers' names only when read 1:1); names are escaped here.
 */
export function buildProgressCard(progress: SchoolProgress, o: { timezone: string; now: Date }): Record<string, unknown> {
  const elements: unknown[] = [];
  for (const section of progress.sections) {
    if (elements.length > 0) elements.push({ tag: 'hr' });
    const heading = texts.sectionHeading(escapeMarkdown(section.campaign.title), section.round.period, formatLocal(section.round.dueAt, o.timezone), section.pastDue);
    const body = section.kind === 'teachers' ? teachersLines(section) : [principalsLine(section, o.timezone)];
    elements.push(markdown([heading, ...body].join('\n')));
  }
  const behind = progress.sections.some((s) => s.pastDue && (s.kind === 'teachers' ? s.missingCount > 0 : !s.filed));
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: texts.title(progress.place.school) } },
    header: {
      // plain_text: the raw name is shown as text, never read as markup.
      title: { tag: 'plain_text', content: texts.title(progress.place.school) },
      subtitle: { tag: 'plain_text', content: texts.subtitle(progress.place.town, formatLocal(o.now, o.timezone)) },
      template: behind ? 'orange' : 'blue',
    },
    body: { elements: [...elements, { tag: 'hr' }, { tag: 'markdown', content: texts.legend, text_size: 'notation' }] },
  };
}
