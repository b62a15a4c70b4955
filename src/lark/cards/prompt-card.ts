import type { PromptContent } from '../../domain/messages/message-presenter.js';
import { exampleReply } from '../../domain/forms/example-reply.js';
import { promptTexts } from '../../texts/prompt-texts.js';
import { escapeMarkdown } from './escape-markdown.js';
import { buildFormElement } from './form-elements.js';

export type ResponseFormValue = { action: 'respond'; round_id: number };

/** One prompt per school chat (or per principal, 1:1): what is asked, the deadline, an example, the form. */
export function buildPromptCard(o: PromptContent): Record<string, unknown> {
  const fields = o.campaign.definition.form.fields;
  const value: ResponseFormValue = { action: 'respond', round_id: o.roundId };
  const title = promptTexts.title(o.period, o.campaign.title);
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: title } },
    header: { title: { tag: 'plain_text', content: title }, template: 'blue' },
    body: {
      elements: [
        {
          tag: 'markdown',
          content: promptTexts.body({
            due: o.due,
            example: escapeMarkdown(exampleReply(fields)),
            inGroup: o.campaign.audience === 'teachers',
            hasCounts: fields.some((f) => f.type === 'count'),
          }),
        },
        buildFormElement(fields, promptTexts.submit, value),
      ],
    },
  };
}
