import type { Shown } from '../../texts/shown.js';

/*
 * People's words as literal text in Lark's two markups.
 *
 * Card markdown (JSON 2.0 富文本, "特殊字符转义说明"): a character that markdown or Lark's tags
 * would read (`<`, `>`, `*`, `~`, `[`, `]`, `(`, `)`, `#`, `:`, `_`, `` ` ``, `\` …) is written as
 * an HTML entity `&#N;`. We do that for every ASCII punctuation mark (`&` included, so the
 * escaping is undone exactly) — no `<at>`, `<font>`, link, emphasis, emoji or list survives.
 *
 * Text messages (msg_type text) read `<at user_id=…>`, `**bold**`, `<i>/<u>/<s>` and `[text](url)`
 * but document no escape at all, so those characters become their full-width twins (＜ ＞ ［ ］ ＊),
 * which read the same to a person and mean nothing to Lark.
 *
 * Control characters (a newline in a name would start a list item or a new line) become spaces.
 */

const CONTROL = /[\u0000-\u001f\u007f]/g;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/g;
const ENTITY = /&#(\d+);/g;

/** A person's words for a card's markdown element: shown as typed, never as markup. */
export function escapeMarkdown(value: string): Shown {
  return value.replace(CONTROL, ' ').replace(ASCII_PUNCTUATION, (c) => `&#${c.charCodeAt(0)};`) as Shown;
}

/** What a reader of the card sees: the entities escapeMarkdown wrote, decoded (for tests and logs). */
export function unescapeMarkdown(markdown: string): string {
  return markdown.replace(ENTITY, (_, n: string) => String.fromCharCode(Number(n)));
}

const TEXT_TWINS: Record<string, string> = { '<': '＜', '>': '＞', '[': '［', ']': '］', '*': '＊' };
const TEXT_SPECIAL = /[<>[\]*]/g;
const TEXT_TWIN = /[＜＞［］＊]/g;
const TEXT_BACK = Object.fromEntries(Object.entries(TEXT_TWINS).map(([k, v]) => [v, k]));

/** A person's words for a text message (msg_type text): no `<at>`, style tag, bold or link. */
export function escapeText(value: string): Shown {
  return value.replace(CONTROL, ' ').replace(TEXT_SPECIAL, (c) => TEXT_TWINS[c]!) as Shown;
}

/** escapeText undone (exact for names that held no full-width twin to begin with). */
export function unescapeText(text: string): string {
  return text.replace(TEXT_TWIN, (c) => TEXT_BACK[c]!);
}

/** Each of `values` escaped for markdown: the lists a card joins (names, labels). */
export const escapeAllMarkdown = (values: readonly string[]): Shown[] => values.map(escapeMarkdown);
