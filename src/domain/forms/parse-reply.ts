// Table-driven parser for free-text form replies ("走访5户，电话随访3户，备注：…").
// Labels are found first (longest wins), then each count label takes the number written
// right after it ("走访5户") or, when the reply is written the other way round, right before it
// ("5户走访"). A text label ("备注：") takes the rest of the message.
import { parseChineseNumber } from '../text/chinese-number.js';
import { normalizeText, type NormalizedText } from '../text/normalize-text.js';

export type ReplyField =
  | { name: string; kind: 'count'; labels: readonly string[] } // integer >= 0
  // The whole rest of the message: the form refuses one longer than its limit, never cuts it.
  | { name: string; kind: 'text'; labels: readonly string[] };

/** Why a written number is not a count: the reply to the person says which. */
export type CountProblem = 'negative' | 'fraction' | 'too_large' | 'unreadable';

/**
 * `rejected`: count fields written with a number we refuse, so the caller can ask again instead
 * of silently storing 0. `conflicts`: count fields written twice with different numbers and no
 * correction word ("上个月走访3户，这个月走访5户"), so the caller asks which one is meant.
 * `partOf`: a count introduced by 其中 after another ("走访5户（其中2户电话）"), which a person
 * means as a part of the first, not an addition to it.
 */
export type ParsedReply = {
  values: Record<string, number | string>;
  recognized: string[];
  rejected: { name: string; problem: CountProblem; written: string }[];
  conflicts: { name: string; values: number[] }[];
  partOf: { part: string; partValue: number; whole: string; wholeValue: number } | null;
};

// Larger counts are typos or phone numbers, not a month of home visits.
export const MAX_COUNT = 9999;

// A value token: `value` null means a number was written but is not acceptable, for `problem`.
type Token = { pos: number; value: number; problem?: undefined } | { pos: number; value: null; problem: CountProblem; written: string };
type Hit = { field: ReplyField; start: number; end: number; colon: boolean };

const UNIT = '(?:户次|人次|户|家|次|人|名|个|位)';
const NUMERAL = '[零〇一二两三四五六七八九十廿百千万]+';
const NUMBER = `(-|−|负)?(\\d+(?:\\.\\d+)?|${NUMERAL})`;
const NUMBER_AT = new RegExp(`^${NUMBER}(\\s*${UNIT})?`);
// Before a label a unit is required, so dates like "12月" or "2024.12" never count.
const NUMBER_BEFORE = new RegExp(`${NUMBER}\\s*${UNIT}的?$`);
const NEGATION_AT = /^(?:暂无|没有|并无|无|没)/;
const NEGATION_BEFORE = /(?:暂无|没有|并无|无|没|未)[^\s\d,;.!?\/|、。:]{0,2}\s*$/;
// Text is normalised, so full-width ，；！？ have already become ASCII.
const DELIMITER = /[,;.!?\/|、。]/;
const SEGMENT_START = /[\s,;.!?\/|、。:]/;
const CJK = /[\u3400-\u9fff]/;
// "走访了5户", "走访共计5户", "新增预警的学生有1名": a few characters may sit between label and number.
const MAX_FILLER = 4;
// Only the tail of the text before a label is searched; an unanchored regex over a long run of
// digits would otherwise take quadratic time.
const BEFORE_WINDOW = 24;
// A field written twice is a correction, not a question, when one of these comes before the last number.
const CORRECTION = /(?:更正|改为|改成|修改为|应为|更改为|订正)/;
const PART_OF = /其中\s*$/;

/** Reads a reply as anyone might type it (any script, full-width digits …). */
export function parseReply(text: string, fields: readonly ReplyField[]): ParsedReply | null {
  if (typeof text !== 'string') return null;
  return parseNormalizedReply(normalizeText(text), fields);
}

/** Reads a reply the chat has normalised already. */
export function parseNormalizedReply(normalized: NormalizedText, fields: readonly ReplyField[]): ParsedReply | null {
  const hits = findLabels(normalized, fields);
  const counts = assignCounts(normalized, hits);
  const latest = new Map<string, Token | string>();
  for (const [hit, token] of counts) latest.set(hit.field.name, token);
  const textHit = hits.find((h) => h.field.kind === 'text');
  if (textHit?.field.kind === 'text') {
    const note = normalized.slice(textHit.end).replace(/^[\s:]+/, '').trim();
    if (note !== '') latest.set(textHit.field.name, note);
  }

  const values: Record<string, number | string> = {};
  const recognized: string[] = [];
  const rejected: ParsedReply['rejected'] = [];
  for (const field of fields) {
    const found = latest.get(field.name);
    if (found === undefined) continue;
    if (typeof found === 'object' && found.value === null) {
      rejected.push({ name: field.name, problem: found.problem, written: found.written });
      continue;
    }
    values[field.name] = typeof found === 'string' ? found : found.value;
    recognized.push(field.name);
  }
  if (recognized.length === 0 && rejected.length === 0) return null;
  // A lone "说明书在哪" is a question, not a check-in: a reply that is only text needs "备注：".
  const onlyText = rejected.length === 0 && recognized.every((name) => fields.find((f) => f.name === name)?.kind === 'text');
  if (onlyText && !textHit?.colon) return null;
  return { values, recognized, rejected, conflicts: findConflicts(normalized, counts), partOf: findPartOf(normalized, counts) };
}

function findConflicts(text: string, counts: ReadonlyArray<[Hit, Token]>): ParsedReply['conflicts'] {
  const written = new Map<string, Token[]>();
  for (const [hit, token] of counts) written.set(hit.field.name, [...(written.get(hit.field.name) ?? []), token]);
  return [...written].flatMap(([name, tokens]) => {
    const numbers = tokens.flatMap((t) => (t.value === null ? [] : [t.value]));
    const last = tokens[tokens.length - 1]!;
    const previous = tokens[tokens.length - 2];
    if (new Set(numbers).size < 2 || !previous) return [];
    if (CORRECTION.test(text.slice(previous.pos, last.pos))) return [];
    return [{ name, values: numbers }];
  });
}

function findPartOf(text: string, counts: ReadonlyArray<[Hit, Token]>): ParsedReply['partOf'] {
  for (let i = 1; i < counts.length; i++) {
    const [hit, token] = counts[i]!;
    const [wholeHit, wholeToken] = counts[i - 1]!;
    if (token.value === null || wholeToken.value === null || wholeHit.field.name === hit.field.name) continue;
    const from = Math.min(hit.start, token.pos);
    if (PART_OF.test(text.slice(Math.max(0, from - 4), from).replace(/[(\[]/g, ''))) {
      return { part: hit.field.name, partValue: token.value, whole: wholeHit.field.name, wholeValue: wholeToken.value };
    }
  }
  return null;
}

function findLabels(text: string, fields: readonly ReplyField[]): Hit[] {
  const labels = fields
    .flatMap((field) => field.labels.map((label) => ({ label: normalizeText(label), field })))
    .filter((l) => l.label !== '')
    .sort((a, b) => b.label.length - a.label.length);
  const hits: Hit[] = [];
  for (let i = 0; i < text.length; ) {
    const match = labels.find(
      (l) => text.startsWith(l.label, i) && (l.field.kind === 'count' || textLabelAllowed(text, i, l.label.length)),
    );
    if (!match) {
      i++;
      continue;
    }
    const end = i + match.label.length;
    hits.push({ field: match.field, start: i, end, colon: /^\s*:/.test(text.slice(end)) });
    if (match.field.kind === 'text') break; // the note runs to the end; labels inside it are just words
    i = end;
  }
  return hits;
}

// "备注：…" or "…，说明 …" but not "请说明原因", which is a sentence rather than a label.
function textLabelAllowed(text: string, start: number, length: number): boolean {
  return start === 0 || SEGMENT_START.test(text.charAt(start - 1)) || /^\s*:/.test(text.slice(start + length));
}

// Each count label gets at most one token and each token goes to at most one label. The reading
// direction (number after vs before the label) is whichever explains more labels, so that
// "走访5户电话3户" and "5户走访3户电话" both come out right; the other direction fills gaps.
function assignCounts(text: string, hits: readonly Hit[]): Array<[Hit, Token]> {
  const candidates = hits.flatMap((hit, i) => {
    if (hit.field.kind !== 'count') return [];
    const gapStart = i === 0 ? 0 : (hits[i - 1]?.end ?? 0);
    const gapEnd = hits[i + 1]?.start ?? text.length;
    return [{ hit, after: readAfter(text, hit.end, gapEnd), before: readBefore(text, gapStart, hit.start) }];
  });
  const afterCount = candidates.filter((c) => c.after).length;
  const beforeCount = candidates.filter((c) => c.before).length;
  const primary = beforeCount > afterCount ? 'before' : 'after';
  const fallback = primary === 'after' ? 'before' : 'after';

  const claimed = new Set<number>();
  const assigned = new Map<Hit, Token>();
  for (const direction of [primary, fallback] as const) {
    for (const c of candidates) {
      const token = c[direction];
      if (assigned.has(c.hit) || !token || claimed.has(token.pos)) continue;
      claimed.add(token.pos);
      assigned.set(c.hit, token);
    }
  }
  // Back in text order, so a field written twice keeps its last value.
  return candidates.flatMap((c) => {
    const token = assigned.get(c.hit);
    return token ? [[c.hit, token] as [Hit, Token]] : [];
  });
}

function readAfter(text: string, from: number, to: number): Token | null {
  let filler = 0;
  for (let j = from; j < to; j++) {
    const c = text.charAt(j);
    if (c === ' ' || c === ':') continue;
    if (DELIMITER.test(c)) return null;
    const rest = text.slice(j, to);
    const number = NUMBER_AT.exec(rest);
    if (number && numberStandsAlone(number, rest)) return countToken(j, number);
    if (NEGATION_AT.test(rest)) return { pos: j, value: 0 };
    if (++filler > MAX_FILLER) return null;
  }
  return null;
}

function readBefore(text: string, from: number, to: number): Token | null {
  const start = Math.max(from, to - BEFORE_WINDOW);
  const gap = text.slice(start, to);
  const number = NUMBER_BEFORE.exec(gap);
  if (number) return countToken(start + number.index, number);
  const negation = NEGATION_BEFORE.exec(gap);
  if (negation) return { pos: start + negation.index, value: 0 };
  return null;
}

// Chinese numerals also occur inside ordinary words ("一些", "十分"); without a unit, only a
// numeral that ends the phrase counts.
function numberStandsAlone(match: RegExpExecArray, rest: string): boolean {
  if (/^\d/.test(match[2] ?? '') || match[3] !== undefined) return true;
  return !CJK.test(rest.charAt(match[0].length));
}

// Seven digits and more are a phone number or an id written next to a label, not a count.
const PHONE_LIKE = /^\d{7,}/;

function countToken(pos: number, match: RegExpExecArray): Token | null {
  const [written, sign, digits = ''] = match;
  if (PHONE_LIKE.test(digits)) return null;
  const refuse = (problem: CountProblem): Token => ({ pos, value: null, problem, written: written.trim() });
  if (sign !== undefined) return refuse('negative');
  if (/^\d+\.\d+$/.test(digits) && !/^\d+\.0+$/.test(digits)) return refuse('fraction');
  const value = parseChineseNumber(digits.replace(/\.0+$/, ''));
  if (value === null) return refuse(/^\d+$/.test(digits) ? 'too_large' : 'unreadable');
  return value <= MAX_COUNT ? { pos, value } : refuse('too_large');
}
