/**
 * A value that came from people (a roster name, a note, a campaign title from a loaded file),
 * already escaped for the message it goes into (lark/cards/escape-markdown.ts makes it). Texts
 * take it where such a value lands in markdown or a text message, so a caller cannot hand them
 * the raw string and let a name like `<at id=all></at>` speak as markup.
 */
export type Shown = string & { readonly shownEscaped: unique symbol };
