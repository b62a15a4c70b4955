import { checkInTexts } from '../texts/check-in-texts.js';

export type CheckInFormValue = { action: 'check_in'; round_id: number };

const countInput = (name: 'home_visits' | 'phone_followups' | 'new_alerts') => ({
  tag: 'input',
  name,
  label: { tag: 'plain_text', content: checkInTexts.fieldLabels[name] },
  label_position: 'left',
  placeholder: { tag: 'plain_text', content: '0' },
  max_length: 4,
});

/** One prompt per school chat: what is asked, the deadline, an example reply, and the form. */
export function buildCheckInPromptCard(o: { period: string; due: string; roundId: number }): Record<string, unknown> {
  const value: CheckInFormValue = { action: 'check_in', round_id: o.roundId };
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: checkInTexts.promptTitle(o.period) } },
    header: {
      title: { tag: 'plain_text', content: checkInTexts.promptTitle(o.period) },
      subtitle: { tag: 'plain_text', content: checkInTexts.campaignTitle },
      template: 'blue',
    },
    body: {
      elements: [
        { tag: 'markdown', content: checkInTexts.promptBody(o.due) },
        {
          tag: 'form',
          name: 'check_in_form',
          elements: [
            countInput('home_visits'),
            countInput('phone_followups'),
            countInput('new_alerts'),
            {
              tag: 'input',
              name: 'note',
              label: { tag: 'plain_text', content: checkInTexts.fieldLabels.note },
              label_position: 'left',
              input_type: 'multiline_text',
              placeholder: { tag: 'plain_text', content: checkInTexts.notePlaceholder },
              max_length: 500,
            },
            {
              tag: 'button',
              name: 'submit',
              text: { tag: 'plain_text', content: checkInTexts.submit },
              type: 'primary_filled',
              form_action_type: 'submit',
              behaviors: [{ type: 'callback', value }],
            },
          ],
        },
      ],
    },
  };
}
