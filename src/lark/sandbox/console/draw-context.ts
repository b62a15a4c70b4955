import type { Child } from 'hono/jsx';

/*
 * What every drawer of a card component shares: the context it draws in, and safe readers of
 * the card's JSON. A card is any JSON a bot sent, so nothing in it is trusted: a value is read
 * only as the type expected, and a colour, size or URL reaches the page only from a fixed list or
 * a strict pattern (the text itself is escaped by JSX).
 */

export type Json = Record<string, unknown>;

export type DrawContext = {
  /** Tags (and property forms) met and not drawn, each once, in the order met. */
  unknown: string[];
  /** Inside a form container: a button there submits or resets it. */
  inForm: boolean;
  /** A person's name for an `<at>` id, when the console knows it (the card holds only ids). */
  nameOf: (id: string) => string | undefined;
  /** Where dates (table cells, `<local_datetime>`) are shown. */
  timezone: string;
};

/** Draws one component (an element of the card's JSON) as JSX. */
export type Drawer = (el: Json, ctx: DrawContext) => Child;

/** Remembers a tag the console could not draw (once, in the order met). */
export function noteUnknown(ctx: DrawContext, what: string): void {
  if (!ctx.unknown.includes(what)) ctx.unknown.push(what);
}

export const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const stringOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
export const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const recordsOf = (v: unknown): Json[] => listOf(v).filter(isRecord);

/** A text object's words (`{tag:'plain_text', content}`; a bare string; `i18n_content` in Chinese first). */
export function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (!isRecord(v)) return '';
  const i18n = isRecord(v.i18n_content) ? (stringOf(v.i18n_content.zh_cn) ?? stringOf(Object.values(v.i18n_content)[0])) : undefined;
  return stringOf(v.content) ?? i18n ?? '';
}

/** Whether a text object is read as markdown (lark_md, markdown) rather than shown as typed. */
export const isMarkdownText = (v: unknown): boolean => isRecord(v) && (v.tag === 'lark_md' || v.tag === 'markdown');

/** Lark's colour names (颜色枚举值): a `red-500` shade is drawn as its hue. */
const HUES = ['blue', 'wathet', 'turquoise', 'green', 'lime', 'yellow', 'orange', 'red', 'carmine', 'violet', 'purple', 'indigo', 'grey', 'neutral'] as const;
const RGBA = /^rgba?\(\s*\d{1,3}\s*,\s*\d{1,3}\s*,\s*\d{1,3}\s*(,\s*(0|1|0?\.\d+)\s*)?\)$/;
const HEX = /^#[0-9a-fA-F]{3,8}$/;

/** A colour as a class (`lk-c--red`) or, for rgba/hex, a style: anything else is the default colour. */
export function colorOf(v: unknown): { class?: string; style?: string } {
  const name = stringOf(v)?.trim().toLowerCase() ?? '';
  const hue = HUES.find((h) => name === h || name.startsWith(`${h}-`));
  if (hue) return { class: `lk-c--${hue === 'neutral' ? 'grey' : hue}` };
  if (RGBA.test(name) || HEX.test(name)) return { style: `color: ${name}` };
  return {};
}

/** A background (background_style, background_color) as a class: Lark's hues only. */
export function backgroundOf(v: unknown): string | undefined {
  const name = stringOf(v)?.toLowerCase() ?? '';
  const hue = HUES.find((h) => name === h || name.startsWith(`${h}-`));
  return hue ? `lk-bg--${hue === 'neutral' ? 'grey' : hue}` : undefined;
}

const TEXT_SIZES = ['heading-0', 'heading-1', 'heading-2', 'heading-3', 'heading-4', 'heading', 'normal', 'notation', 'xxxx-large', 'xxx-large', 'xx-large', 'x-large', 'large', 'medium', 'small', 'x-small'];

/** `lk-size--notation` and `lk-align--center` for a text's text_size and text_align (unknown sizes read as normal, as Lark does). */
export function textClasses(v: Json): string {
  const size = stringOf(v.text_size);
  const align = stringOf(v.text_align);
  return [
    size && TEXT_SIZES.includes(size) && size !== 'normal' ? `lk-size--${size}` : '',
    align === 'center' || align === 'right' ? `lk-align--${align}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** A spacing (margin, padding, gap) as Lark writes it — `8px`, `4px 0`, `small` — or undefined. */
export function spacingOf(v: unknown): string | undefined {
  const named: Record<string, string> = { small: '4px', medium: '8px', default: '8px', large: '12px', extra_large: '16px' };
  const s = stringOf(v)?.trim();
  if (!s) return undefined;
  if (named[s]) return named[s];
  return /^(-?\d{1,2}(px)?)( -?\d{1,2}(px)?){0,3}$/.test(s) ? s.replace(/(-?\d+)(?!px|\d)/g, '$1px') : undefined;
}

/** A width in px from Lark's `120px` (within `max`), or undefined. */
export function pixelsOf(v: unknown, max = 999): number | undefined {
  const m = /^(\d{1,4})px$/.exec(stringOf(v) ?? '');
  return m && Number(m[1]) <= max ? Number(m[1]) : undefined;
}

/** Only http and https links are followed (as in Lark); anything else is no link. */
export function safeUrl(v: unknown): string | undefined {
  const s = stringOf(v)?.trim();
  return s && /^https?:\/\/[^\s]+$/i.test(s) ? s : undefined;
}

/** The value a component sends back when used (2.0 `behaviors` callback, or 1.0's `value` on the element). */
export function callbackOf(el: Json, ctx: DrawContext): { value?: unknown; url?: string } {
  const found: { value?: unknown; url?: string } = {};
  for (const b of recordsOf(el.behaviors)) {
    if (b.type === 'callback') found.value = b.value;
    else if (b.type === 'open_url') found.url = safeUrl(b.default_url) ?? safeUrl(b.pc_url) ?? safeUrl(b.url);
    else noteUnknown(ctx, `behaviors:${stringOf(b.type) ?? '?'}`);
  }
  if (found.value === undefined && el.value !== undefined) found.value = el.value;
  if (found.url === undefined && el.url !== undefined) found.url = safeUrl(el.url);
  if (found.url === undefined && isRecord(el.multi_url)) found.url = safeUrl(el.multi_url.url) ?? safeUrl(el.multi_url.pc_url);
  return found;
}

/** The JSON a `data-callback` attribute carries (JSX escapes it for the attribute). */
export const callbackAttribute = (value: unknown): string | undefined => (value === undefined ? undefined : JSON.stringify(value));

/** Joins class names, dropping the empty ones. */
export const classes = (...names: (string | undefined | false)[]): string => names.filter(Boolean).join(' ');
