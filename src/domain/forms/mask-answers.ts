import type { Answers } from '../../db/schema/responses.js';
import type { FormField } from '../../model/campaign-definition.js';
import { maskIdentifiers } from '../text/mask-identifiers.js';

/** A free-text field in which ID or mobile numbers were masked, for the receipt to say so. */
export type MaskedField = { label: string; ids: number; mobiles: number };

/**
 * Every free-text answer with national IDs and mobile numbers masked (the same rule for every text
 * field of every form), and which fields had any: what is stored, echoed and exported.
 */
export function maskAnswers(fields: readonly FormField[], answers: Answers): { answers: Answers; masked: MaskedField[] } {
  const out: Answers = { ...answers };
  const masked: MaskedField[] = [];
  for (const field of fields) {
    const value = answers[field.name];
    if (field.type !== 'text' || typeof value !== 'string') continue;
    const result = maskIdentifiers(value);
    out[field.name] = result.text;
    if (result.masked.ids + result.masked.mobiles > 0) masked.push({ label: field.label, ...result.masked });
  }
  return { answers: out, masked };
}
