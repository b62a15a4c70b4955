import type { FormField } from '../../model/campaign-definition.js';
import { unitOf } from '../../texts/form-texts.js';

const SAMPLE_COUNTS = [5, 2, 1];

/**
 * `走访5户 电话随访2户 新增预警1人` from the form: a text answer as a person would write it, which
 * the parser accepts (the label without its 户数/人数, the number, the unit).
 */
export function exampleReply(fields: readonly Pick<FormField, 'label' | 'type'>[]): string {
  return fields
    .filter((f) => f.type === 'count' || f.type === 'text')
    .slice(0, 3)
    .map((f, i) => {
      if (f.type === 'text') return `${f.label}：…`;
      const unit = unitOf(f.label);
      const word = unit ? f.label.slice(0, -2) : f.label;
      return `${word}${SAMPLE_COUNTS[i] ?? 1}${unit}`;
    })
    .join(' ');
}
