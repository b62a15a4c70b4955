import type { FormField } from '../../model/campaign-definition.js';
import { formTexts } from '../../texts/form-texts.js';
import { promptTexts } from '../../texts/prompt-texts.js';

const plain = (content: string) => ({ tag: 'plain_text', content });

/** One card input per form field, named as the field (the card's form_value keys are the field names). */
export function formFieldElement(field: FormField): Record<string, unknown> {
  const common = { name: field.name, required: field.required, label: plain(field.label), label_position: 'left' };
  switch (field.type) {
    case 'count':
      return { tag: 'input', ...common, placeholder: plain('0'), max_length: String(field.max).length };
    case 'text':
      return { tag: 'input', ...common, input_type: 'multiline_text', placeholder: plain(field.required ? promptTexts.requiredTextPlaceholder : formTexts.textPlaceholder), max_length: field.maxLength };
    case 'yes-no':
      return {
        tag: 'select_static',
        ...common,
        options: [
          { text: plain(formTexts.yes), value: 'yes' },
          { text: plain(formTexts.no), value: 'no' },
        ],
      };
    case 'choice':
      return { tag: 'select_static', ...common, options: field.options.map((o) => ({ text: plain(o), value: o })) };
    case 'date':
      return { tag: 'date_picker', ...common };
  }
}

/** The whole form: its fields and a submit button whose callback value names the round. */
export function buildFormElement(fields: readonly FormField[], submitLabel: string, value: Record<string, unknown>) {
  return {
    tag: 'form',
    name: 'response_form',
    elements: [
      ...fields.map(formFieldElement),
      {
        tag: 'button',
        name: 'submit',
        text: plain(submitLabel),
        type: 'primary_filled',
        form_action_type: 'submit',
        behaviors: [{ type: 'callback', value }],
      },
    ],
  };
}
