import type { AidCheckPromptContent } from '../../domain/messages/message-presenter.js';
import { aidTexts as t } from '../../texts/aid-texts.js';
import type { OpenVisitFormValue } from './visit-form-card.js';

/** The school chat's aid check card in a term's first month: counts and how, never a child's name. */
export function buildAidPromptCard(o: AidCheckPromptContent): Record<string, unknown> {
  // Plain text in the header and summary: no markup is read there.
  const title = t.promptTitle(o.term);
  const openForm: OpenVisitFormValue = { action: 'open_visit_form' };
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: title } },
    header: { title: { tag: 'plain_text', content: title }, template: 'blue' },
    body: {
      elements: [
        { tag: 'markdown', content: t.promptBody(o.aided) },
        { tag: 'button', text: { tag: 'plain_text', content: t.promptButton }, type: 'default', behaviors: [{ type: 'callback', value: openForm }] },
        { tag: 'markdown', content: t.promptPrivacy, text_size: 'notation' },
      ],
    },
  };
}
