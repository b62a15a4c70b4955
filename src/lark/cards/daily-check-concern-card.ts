import type { ConcernNoticeContent } from '../../domain/mentoring/daily-check-presenter.js';
import { mentoringTexts as t } from '../../texts/mentoring-texts.js';
import { alertLevelNames } from '../../texts/student-texts.js';
import { escapeMarkdown } from './escape-markdown.js';

/** The principal's 1:1 notice of a 需关注 from 每天一问 (full name: 1:1 to the principal only). */
export function buildDailyCheckConcernCard(o: ConcernNoticeContent): Record<string, unknown> {
  const name = escapeMarkdown(o.studentName);
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: t.concernTitle } },
    header: { title: { tag: 'plain_text', content: t.concernTitle }, template: 'orange' },
    body: {
      elements: [
        {
          tag: 'markdown',
          content: t.concernBody({
            principal: escapeMarkdown(o.principalName),
            teacher: escapeMarkdown(o.teacherName),
            name,
            className: escapeMarkdown(o.className),
            day: o.day,
            level: alertLevelNames[o.level],
          }),
        },
        ...(o.note ? [{ tag: 'markdown', content: t.concernNote(escapeMarkdown(o.note)) }] : []),
        { tag: 'hr' },
        { tag: 'markdown', content: t.concernHint(name), text_size: 'notation' },
      ],
    },
  };
}
