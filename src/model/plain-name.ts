/**
 * `<`, `>` and `[text](url)` are markup in Lark's cards and messages (`<at id=all>`, a link under
 * a school's name). Names that people type into a roster or a campaign file never need them, so
 * the loaders refuse them outright; what gets in anyway is still escaped where it is shown.
 */
// A bare web address is refused too: Lark may turn it into a link by itself.
const MARKUP = /[<>]|\[[^\]]*\]\s*\(|\b(?:https?|ftp):\/\/|\bwww\./i;

export const hasMarkup = (value: string): boolean => MARKUP.test(value);

/** The campaign file's complaint (model imports no texts; the roster's is in roster-import-texts). */
export const MARKUP_IN_NAME = '不能含有 <、>、[文字](链接) 这样的标记或网址';
