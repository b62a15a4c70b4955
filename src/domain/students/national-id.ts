// A child's national ID (居民身份证号) or 学籍号 (which is "G" + the ID) must never be stored.
// Unlike mask-identifiers, no check character is required: a mistyped ID is still a child's ID,
// and refusing a file costs the admin one edit, while storing an ID cannot be undone.

// Digits and X also in full width, as a Chinese input method may type them.
const DIGIT = '[0-9０-９]';
const SEPARATOR = '[ \\-－]?';
// 17 digits and a digit or X, not inside a longer run of digits; a G/L/J prefix (学籍号) is just
// text before it. Groups of 6-8-4 may be split by one space or dash, as IDs are often written.
const ID_LIKE = `(?<!${DIGIT})${DIGIT}{6}${SEPARATOR}${DIGIT}{8}${SEPARATOR}${DIGIT}{3}(?:${DIGIT}|[XxＸｘ])(?!${DIGIT}|[XxＸｘ])`;

/** Whether free text holds something shaped like an 18-character national ID or a 学籍号, anywhere in it. */
export function containsNationalId(text: string): boolean {
  return new RegExp(ID_LIKE).test(text);
}

/** The text with every ID-shaped run replaced by `replacement`, the rest untouched (e.g. a note before it is stored). */
export function redactNationalIds(text: string, replacement: string): string {
  return text.replace(new RegExp(ID_LIKE, 'g'), replacement);
}

// Chinese header words are matched anywhere in the header: 身份证号, 学生身份证, 学籍号码, 证件号码 …
const CHINESE_ID_HEADER = /身份证|身份号|证件号|学籍|公民身份/;
// English and pinyin ones as whole words: id_number, ID No., National ID, idcard, sfzh, xjh …
const LATIN_ID_HEADER = /(?:^|[^a-z])(?:national_?id|id_?(?:card|number|num|no)|identity_?(?:card|number|no)|citizen_?id|sfzh?m?|xjh)(?:$|[^a-z])/;

/** Whether a column header names a national ID or 学籍号 (身份证号, 证件号码, 学籍号, id_number, National ID …). */
export function isNationalIdHeader(header: string): boolean {
  const folded = header.normalize('NFKC').toLowerCase().trim().replace(/[\s\-.]+/g, '_');
  return CHINESE_ID_HEADER.test(folded) || LATIN_ID_HEADER.test(folded);
}
