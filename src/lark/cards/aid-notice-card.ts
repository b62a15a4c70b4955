import type { AidNoticeContent } from '../../domain/messages/message-presenter.js';
import { aidTexts as t } from '../../texts/aid-texts.js';
import { visitModeNames } from '../../texts/student-texts.js';
import { aidStatusNames, eligibilityNames } from '../../texts/visit-texts.js';
import { escapeMarkdown } from './escape-markdown.js';

/** The principal's 1:1 card the day a visit finds an aided student's aid or eligibility amiss (full name: 1:1 only). */
export function buildAidNoticeCard(o: AidNoticeContent): Record<string, unknown> {
  const name = escapeMarkdown(o.studentName);
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: t.noticeTitle } },
    header: { title: { tag: 'plain_text', content: t.noticeTitle }, template: 'orange' },
    body: {
      elements: [
        {
          tag: 'markdown',
          content: t.noticeBody({
            principal: escapeMarkdown(o.principalName),
            teacher: escapeMarkdown(o.teacherName),
            name,
            className: escapeMarkdown(o.className),
            day: o.visitedOn,
            mode: visitModeNames[o.mode],
            aidKinds: o.aidKinds.join('、'),
            aid: o.aidStatus ? aidStatusNames[o.aidStatus] : t.notWritten,
            eligibility: o.eligibility ? eligibilityNames[o.eligibility] : t.notWritten,
          }),
        },
        { tag: 'hr' },
        { tag: 'markdown', content: t.noticeHint(name), text_size: 'notation' },
      ],
    },
  };
}
