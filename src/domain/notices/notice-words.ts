/**
 * What `通知 …` asks for, read from its normalised words (Traditional script folded already):
 * - `通知 状态` / `通知 状态 12` / `通知 状态 #12`: the latest notices, or one notice's receipts;
 * - `通知 <范围> <内容>`: the range is the first word — 全部, or towns and schools joined by 、 —
 *   and everything after it is the text; a colon after the range (`通知 全部：…`) marks the text
 *   as such even when it starts with a place's name.
 */
export type NoticeRequest =
  | { kind: 'help' }
  | { kind: 'status'; id: number | undefined }
  | { kind: 'bad-status' }
  | { kind: 'send'; everyone: boolean; places: string[]; scope: string; text: string; colon: boolean };

/** Words that mean every school. */
const EVERYONE = new Set(['全部', '全县', '全体', '所有学校', '全部学校', '各校', '各学校']);
const STATUS = /^状态(?:\s+#?(\d{1,9}))?$/;
const RANGE = /^([^\s:：]+)\s*([:：])?\s*([\s\S]*)$/;
const PLACE_SEPARATORS = /[、,，;；/]+/;

export function parseNoticeWords(args: string): NoticeRequest {
  const words = args.trim();
  if (words === '') return { kind: 'help' };
  if (words === '状态' || words.startsWith('状态 ')) {
    const status = STATUS.exec(words);
    return status ? { kind: 'status', id: status[1] === undefined ? undefined : Number(status[1]) } : { kind: 'bad-status' };
  }
  const [, range, colon, text] = RANGE.exec(words) ?? [];
  const places = [...new Set((range ?? '').split(PLACE_SEPARATORS).filter((p) => p !== ''))];
  if (places.length === 0) return { kind: 'help' };
  const everyone = places.some((p) => EVERYONE.has(p));
  return { kind: 'send', everyone, places: everyone ? [] : places, scope: everyone ? '全部' : places.join('、'), text: (text ?? '').trim(), colon: colon !== undefined };
}
