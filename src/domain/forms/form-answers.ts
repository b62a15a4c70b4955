import type { Answers } from '../../db/schema/responses.js';
import { DomainError } from '../../errors.js';
import type { FormField } from '../../model/campaign-definition.js';
import { parseNormalizedReply, type ReplyField } from './parse-reply.js';
import { writtenSuffix, type NormalizedText } from '../text/normalize-text.js';
import { formTexts } from '../../texts/form-texts.js';

/** The value a field takes when the person left it out: counts are 0, everything else empty. */
const blank = (field: FormField) => (field.type === 'count' ? 0 : null);

const DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/**
 * Checks answers against the form and fills what was left out. Throws a DomainError naming the
 * field (by its label) when a value is not acceptable, so the person is told what to fix.
 */
export function completeAnswers(fields: readonly FormField[], given: Answers): Answers {
  const answers: Answers = {};
  for (const field of fields) {
    const value = given[field.name] ?? null;
    if (value === null) {
      if (field.required) throw new DomainError('missing_field', formTexts.required(field.label));
      answers[field.name] = blank(field);
      continue;
    }
    answers[field.name] = checkValue(field, value);
  }
  return answers;
}

function checkValue(field: FormField, value: number | string | boolean): number | string | boolean {
  const bad = () => new DomainError('invalid_field', formTexts.invalid(field));
  switch (field.type) {
    case 'count':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > field.max) throw bad();
      return value;
    case 'text': {
      const text = String(value).trim();
      const length = [...text].length;
      if (length > field.maxLength) throw new DomainError('invalid_field', formTexts.tooLong(field.label, field.maxLength, length));
      return text;
    }
    case 'yes-no':
      if (typeof value !== 'boolean') throw bad();
      return value;
    case 'choice':
      if (typeof value !== 'string' || !field.options.includes(value)) throw bad();
      return value;
    case 'date': {
      const m = typeof value === 'string' ? DATE.exec(value) : null;
      if (!m || Number.isNaN(Date.parse(`${m[1]}-${m[2]}-${m[3]}T00:00:00Z`))) throw bad();
      return `${m[1]}-${m[2]}-${m[3]}`;
    }
  }
}

/**
 * Reads a card form submission: inputs arrive as strings (dates as `YYYY-MM-DD +0800`), an
 * empty input means left out. Full-width digits are accepted.
 */
export function answersFromCardForm(fields: readonly FormField[], form: Record<string, unknown>): Answers {
  const given: Answers = {};
  for (const field of fields) {
    const raw = form[field.name];
    const text = typeof raw === 'string' ? raw.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)) : '';
    if (text === '') continue;
    if (field.type === 'count') {
      if (!/^\d{1,7}$/.test(text)) throw new DomainError('invalid_field', formTexts.invalid(field));
      given[field.name] = Number(text);
    } else if (field.type === 'yes-no') {
      given[field.name] = text === 'yes' || text === '是';
    } else {
      given[field.name] = text;
    }
  }
  return completeAnswers(fields, given);
}

export type TextAnswers = {
  /** Only the fields the text names, each checked: a reply changes what it names and nothing else. */
  answers: Answers;
  recognized: string[];
  /** Counts above the field's plausible maximum: stored only once the person confirms them. */
  implausible: ImplausibleCount[];
};

export type ImplausibleCount = { name: string; label: string; value: number; plausibleMax: number };

/** The counts in `answers` above their field's plausible maximum (999 households in a month). */
export function implausibleCounts(fields: readonly FormField[], answers: Answers): ImplausibleCount[] {
  return fields.flatMap((f) => {
    const value = answers[f.name];
    return f.type === 'count' && typeof value === 'number' && value > f.plausibleMax
      ? [{ name: f.name, label: f.label, value, plausibleMax: f.plausibleMax }]
      : [];
  });
}

/**
 * Reads a free-text reply with the form's labels and synonyms; null when it is not an answer.
 * Throws a DomainError the person can act on when a number cannot be taken as written.
 */
export function answersFromText(fields: readonly FormField[], text: NormalizedText, said?: string): TextAnswers | null {
  const replyFields: ReplyField[] = fields.flatMap((f): ReplyField[] => {
    const labels = [f.label, ...f.synonyms];
    if (f.type === 'count') return [{ name: f.name, kind: 'count', labels }];
    if (f.type === 'text') return [{ name: f.name, kind: 'text', labels }];
    return [];
  });
  const parsed = parseNormalizedReply(text, replyFields);
  if (!parsed) return null;
  const field = (name: string) => fields.find((f) => f.name === name)!;
  const rejected = parsed.rejected[0];
  if (rejected) throw new DomainError('invalid_field', formTexts.unacceptableNumber(field(rejected.name), rejected.problem, rejected.written));
  const conflict = parsed.conflicts[0];
  if (conflict) throw new DomainError('ambiguous_answer', formTexts.writtenTwice(field(conflict.name).label, conflict.values));
  if (parsed.partOf) {
    const { part, partValue, whole, wholeValue } = parsed.partOf;
    throw new DomainError('ambiguous_answer', formTexts.partOf(field(part).label, partValue, field(whole).label, wholeValue));
  }
  const answers: Answers = {};
  for (const name of parsed.recognized) {
    const value = parsed.values[name]!;
    // Free text is kept as written (line breaks, punctuation, script) when the message ends with it.
    const written = typeof value === 'string' && said !== undefined ? writtenSuffix(said, value) : undefined;
    answers[name] = checkValue(field(name), written ?? value);
  }
  return { answers, recognized: parsed.recognized, implausible: implausibleCounts(fields, answers) };
}
