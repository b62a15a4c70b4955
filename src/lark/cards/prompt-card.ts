import type { PromptContent } from '../../domain/messages/message-presenter.js';
import { exampleReply } from '../../domain/forms/example-reply.js';
import { prefillFields } from '../../domain/register/recorded-work.js';
import { promptTexts } from '../../texts/prompt-texts.js';
import { studentTexts } from '../../texts/student-texts.js';
import { escapeMarkdown } from './escape-markdown.js';
import { buildFormElement } from './form-elements.js';
import type { OpenVisitFormValue } from './visit-form-card.js';

export type ResponseFormValue = { action: 'respond'; round_id: number };
/** The collect-once button's value: card-actions/answer-from-records-action.ts reads it back. */
export type FromRecordsValue = { action: 'answer_from_records'; round_id: number };

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
            inGroup: o.campaign.audience === 'teachers' && !o.privately,
            hasCounts: fields.some((f) => f.type === 'count'),
          }),
        },
        buildFormElement(fields, promptTexts.submit, value),
        ...fromRecords(o),
      ],
    },
  };
}

/** Collect once: where the form's counts can come from the teachers' own visit records, one tap fills them. */
function fromRecords(o: PromptContent): Record<string, unknown>[] {
  if (prefillFields(o.campaign).length === 0) return [];
  const value: FromRecordsValue = { action: 'answer_from_records', round_id: o.roundId };
  const openForm: OpenVisitFormValue = { action: 'open_visit_form' };
  const button = (label: string, v: Record<string, unknown>) => ({
    tag: 'column',
    width: 'weighted',
    weight: 1,
    elements: [{ tag: 'button', text: { tag: 'plain_text', content: label }, type: 'default', width: 'fill', behaviors: [{ type: 'callback', value: v }] }],
  });
  return [
    { tag: 'markdown', content: studentTexts.fromRecordsNote, text_size: 'notation' },
    { tag: 'column_set', flex_mode: 'bisect', columns: [button(studentTexts.fromRecordsButton, value), button(studentTexts.openVisitFormButton, openForm)] },
  ];
}
