import type { PrincipalReminderContent } from '../../domain/messages/message-presenter.js';
import { reminderTexts } from '../../texts/reminder-texts.js';
import { escapeAllMarkdown, escapeMarkdown } from './escape-markdown.js';

/** The nudge button's value: what card-actions/nudge-action.ts reads back. */
export type NudgeValue = { action: 'nudge'; round_id: number; school_id: number };

/** A principal's 1:1 reminder naming who still owes an answer, with the nudge button. */
export function buildPrincipalReminderCard(o: PrincipalReminderContent): Record<string, unknown> {
  const value: NudgeValue = { action: 'nudge', round_id: o.roundId, school_id: o.schoolId };
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: reminderTexts.principalTitle(o.period, o.campaignTitle) } },
    header: {
      title: { tag: 'plain_text', content: reminderTexts.principalTitle(o.period, o.campaignTitle) },
      template: o.dueToday ? 'red' : 'orange',
    },
    body: {
      elements: [
        {
          tag: 'markdown',
          content: reminderTexts.principalBody({
            name: escapeMarkdown(o.principalName),
            title: escapeMarkdown(o.campaignTitle),
            school: escapeMarkdown(o.school),
            due: o.due,
            missing: escapeAllMarkdown(o.missing),
            expected: o.expected,
            dueToday: o.dueToday,
            direct: o.reminderMode === 'direct',
          }),
        },
        {
          tag: 'button',
          text: { tag: 'plain_text', content: o.reminderMode === 'direct' ? reminderTexts.nudgeButtonDirect : reminderTexts.nudgeButton },
          type: 'primary',
          behaviors: [{ type: 'callback', value }],
        },
      ],
    },
  };
}
