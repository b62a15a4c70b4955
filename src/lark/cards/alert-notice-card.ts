import type { AlertNoticeContent } from '../../domain/messages/message-presenter.js';
import { alertLevelNames, studentTexts as t, visitModeNames } from '../../texts/student-texts.js';
import { escapeMarkdown } from './escape-markdown.js';

/** The principal's 1:1 card the day a visit puts a child of their school on the register (full name: 1:1 to the principal only). */
export function buildAlertNoticeCard(o: AlertNoticeContent): Record<string, unknown> {
  const level = alertLevelNames[o.level];
  const name = escapeMarkdown(o.studentName);
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: t.alertTitle(level) } },
    header: { title: { tag: 'plain_text', content: t.alertTitle(level) }, template: o.level === 'alert' ? 'red' : 'orange' },
    body: {
      elements: [
        {
          tag: 'markdown',
          content: t.alertBody({
            principal: escapeMarkdown(o.principalName),
            teacher: escapeMarkdown(o.teacherName),
            name,
            className: escapeMarkdown(o.className),
            level,
            risks: o.risks.join('、'),
            day: o.visitedOn,
            mode: visitModeNames[o.mode],
          }),
        },
        { tag: 'markdown', content: t.alertFindings(escapeMarkdown(o.findings)) },
        ...(o.measures ? [{ tag: 'markdown', content: t.alertMeasures(escapeMarkdown(o.measures)) }] : []),
        { tag: 'hr' },
        { tag: 'markdown', content: t.alertHint(name), text_size: 'notation' },
      ],
    },
  };
}
