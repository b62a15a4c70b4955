import { normalizeText, writtenSuffix } from '../text/normalize-text.js';

// Commas, semicolons and bars between parts (风险：无，措施：…) belong to no part; 。 may end one.
const EDGE_SEPARATORS = /^[\s,;、|，；｜]+|[\s,;、|，；｜]+$/g;

export const trimSeparators = (s: string): string => s.replace(EDGE_SEPARATORS, '');

/**
 * The part of the message as the person wrote it (line breaks, full-width punctuation, their
 * script) whose normalised form is `value`, the text at [start, end) of the normalised `text`;
 * undefined when it cannot be told apart. What follows the part is matched back first, then cut.
 */
export function writtenPart(said: string, text: string, { start, end, value }: { start: number; end: number; value: string }): string | undefined {
  const fromStart = writtenSuffix(said, text.slice(start).trim());
  if (fromStart === undefined) return undefined;
  const after = text.slice(end).trim();
  let part = fromStart;
  if (after !== '') {
    const writtenAfter = writtenSuffix(said, after);
    if (writtenAfter === undefined || !fromStart.endsWith(writtenAfter)) return undefined;
    part = fromStart.slice(0, fromStart.length - writtenAfter.length);
  }
  const kept = trimSeparators(part);
  return normalizeText(kept) === value ? kept : undefined;
}
