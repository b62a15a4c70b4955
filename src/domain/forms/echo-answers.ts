import type { Answers } from '../../db/schema/responses.js';
import { formTexts } from '../../texts/form-texts.js';
import type { FormField } from '../../model/campaign-definition.js';

/**
 * Every stored field, as the receipt repeats it. In a group chat free text is not repeated:
 * teachers' notes may name children, and group chats must never show one.
 */
export function echoAnswers(fields: readonly FormField[], answers: Answers, options: { inGroup: boolean }): string {
  return fields
    .flatMap((field) => {
      const value = answers[field.name];
      if (field.type === 'text') {
        if (value === null || value === undefined || value === '') return [];
        return [`${field.label}：${options.inGroup ? formTexts.hiddenInGroup : String(value)}`];
      }
      if (value === null || value === undefined) return [`${field.label} ${formTexts.empty}`];
      if (field.type === 'yes-no') return [`${field.label} ${value ? formTexts.yes : formTexts.no}`];
      return [`${field.label} ${String(value)}`];
    })
    .join('，');
}

/** Each field whose value a correction changed, as `电话随访户数 2→3`; free text in a group only says it changed. */
export function describeChanges(fields: readonly FormField[], before: Answers, after: Answers, options: { inGroup: boolean }): string[] {
  return fields.flatMap((field) => {
    const was = before[field.name] ?? null;
    const now = after[field.name] ?? null;
    if (was === now || ((was === null || was === '') && (now === null || now === ''))) return [];
    if (field.type === 'text') return [options.inGroup ? formTexts.textChanged(field.label) : `${field.label}：${String(now ?? formTexts.empty)}`];
    const show = (v: typeof was) => (v === null ? formTexts.empty : field.type === 'yes-no' ? (v ? formTexts.yes : formTexts.no) : String(v));
    return [`${field.label} ${show(was)}→${show(now)}`];
  });
}
