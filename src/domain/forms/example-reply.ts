import type { FormField } from '../../model/campaign-definition.js';

/** `走访户数3 电话随访户数3 …` from the form: an example of a text answer the parser accepts. */
export function exampleReply(fields: readonly Pick<FormField, 'label' | 'type'>[]): string {
  return fields
    .filter((f) => f.type === 'count' || f.type === 'text')
    .slice(0, 3)
    .map((f) => (f.type === 'count' ? `${f.label}3` : `${f.label}：…`))
    .join(' ');
}
