import { writtenSuffix, type NormalizedText } from '../text/normalize-text.js';

/** How the inspector gave the score: points lost (`-2`, `扣2分`) or the score itself (`得分 8`, `8分`). */
export type ScoreWords = { kind: 'deduct' | 'score'; value: number };

/** `督查 <school> [<sub-item words> <score> <reason> [整改：<remedy>]]`, read but not yet checked against the framework. */
export type InspectionText = {
  school: string;
  /** Empty when only the school was named (the inspection's card is asked for). */
  subItem: string;
  score: ScoreWords | undefined;
  reason: string;
  remedy: string;
};

const NUMBER = String.raw`(\d{1,3}(?:\.\d)?)`;
const DEDUCT = new RegExp(String.raw`^(?:[-−]|扣)${NUMBER}分?$`);
const SCORED = new RegExp(String.raw`^(?:得分[:：]?)?${NUMBER}分$|^得分[:：]?${NUMBER}$`);
/** A sub-item's words run straight into the deduction: `控辍保学-2`. */
const GLUED = new RegExp(String.raw`^(.*\D)([-−]${NUMBER}分?)$`);
/** 整改 / 整改要求 / 要求 starts the remedy: `劝返记录不全 整改：补齐记录`. */
const REMEDY = /\s*(?:整改要求|整改措施|整改|要求)[:：]\s*/;
const REASON_LABEL = /^(?:扣分原因|原因|理由)[:：]\s*/;

function readScore(word: string, next: string | undefined): { score: ScoreWords; used: number } | undefined {
  const deduct = DEDUCT.exec(word);
  if (deduct) return { score: { kind: 'deduct', value: Number(deduct[1]) }, used: 1 };
  const scored = SCORED.exec(word);
  if (scored) return { score: { kind: 'score', value: Number(scored[1] ?? scored[2]) }, used: 1 };
  // `得分 8`, `得分 8分`
  if ((word === '得分' || word === '得分:' || word === '得分：') && next !== undefined) {
    const value = /^(\d{1,3}(?:\.\d)?)分?$/.exec(next);
    if (value) return { score: { kind: 'score', value: Number(value[1]) }, used: 2 };
  }
  return undefined;
}

/**
 * Splits the words after 督查: the school is the first word, the score the first word that reads
 * as one, the sub-item what lies between, and the reason the rest (a remedy after 「整改：」).
 * Read normalised (`text`); the reason and remedy are kept as written (`said`) when they can be told apart.
 */
export function parseInspectionText({ text, said: written }: { text: NormalizedText; said: string }): InspectionText {
  const [school = '', ...said] = text.split(' ').filter(Boolean);
  const rest: string[] = [];
  let at = -1;
  let found: { score: ScoreWords; used: number } | undefined;
  for (let i = 0; i < said.length && !found; i++) {
    const glued = DEDUCT.test(said[i]!) ? null : GLUED.exec(said[i]!);
    // `控辍保学-2`: the sub-item's words and the deduction, as two words.
    const words = glued ? [glued[1]!, glued[2]!] : [said[i]!];
    rest.push(...words);
    found = readScore(words.at(-1)!, said[i + 1]);
    if (found) {
      at = rest.length - 1;
      rest.push(...said.slice(i + 1));
    }
  }
  if (!found) return { school, subItem: rest.join(' '), score: undefined, reason: '', remedy: '' };
  const normalized = rest.slice(at + found.used).join(' ');
  const after = (normalized && writtenSuffix(written, normalized)) || normalized;
  const [reason = '', ...remedy] = after.split(REMEDY);
  return {
    school,
    subItem: rest.slice(0, at).join(' '),
    score: found.score,
    reason: reason.replace(REASON_LABEL, '').trim(),
    remedy: remedy.join(' ').trim(),
  };
}

/** The score a sub-item of `points` gets from the inspector's words. */
export function scoreFrom(words: ScoreWords, points: number): number {
  const score = words.kind === 'deduct' ? points - words.value : words.value;
  return Math.round(score * 10) / 10;
}
