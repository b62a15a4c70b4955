import type { Child } from 'hono/jsx';
import { colorOf, safeUrl, type DrawContext } from './draw-context.js';

/*
 * The markdown Lark's card shows (富文本, JSON 2.0): CommonMark's everyday subset plus Lark's
 * tags <at>, <font>, <text_tag>, <a>, <link>, <br>, <hr>, <raw>. It is parsed into JSX, never
 * into an HTML string, so every character of the text is escaped on the way out. An entity
 * (`&#42;`, how lark/cards/escape-markdown.ts writes people's words) is decoded only after the
 * markup is read: it always shows as its character, never as markup.
 */

type Attributes = Record<string, string>;

// Sticky patterns: each use sets lastIndex first, so none carries state from one use to the next.
const ENTITY = /&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/y;
const OPEN_TAG = /<([a-zA-Z_]+)((?:\s+[a-zA-Z_-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>/]+))?)*)\s*(\/?)>/y;
const LINK = /(!?)\[([^\]\n]*)\]\(\s*([^()\s]*)\s*\)/y;
const ATTRIBUTE = /([a-zA-Z_-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>/]+)))?/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0' };
const PUNCTUATION = /[!-/:-@[-`{-~]/;
/** Lark's paired tags this console draws; any other `<…>` is shown as typed. */
const PAIRED = ['font', 'text_tag', 'at', 'a', 'link', 'person', 'raw', 'number_tag', 'local_datetime'];

function matchAt(re: RegExp, s: string, i: number): RegExpExecArray | null {
  re.lastIndex = i;
  return re.exec(s);
}

function attributesOf(source: string): Attributes {
  const out: Attributes = {};
  for (const m of source.matchAll(ATTRIBUTE)) out[m[1]!.toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
  return out;
}

/** An entity's character, or undefined when it names none (then it is shown as typed). */
function entityChar(body: string): string | undefined {
  if (body.startsWith('#')) {
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : Number(body.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
  }
  return NAMED[body];
}

/** Where `</name>` closes the tag opened before `from`, counting tags of the same name opened inside. */
function closingOf(s: string, name: string, from: number): { start: number; end: number } | undefined {
  const pattern = new RegExp(`<(/?)${name}(?=[\\s>/])[^>]*>`, 'gi');
  pattern.lastIndex = from;
  let depth = 1;
  for (let m = pattern.exec(s); m; m = pattern.exec(s)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return { start: m.index, end: m.index + m[0].length };
  }
  return undefined;
}

/** Emphasis closed by the same delimiter later in the text, not empty and not padded with spaces. */
function emphasisEnd(s: string, i: number, delimiter: string): number {
  const end = s.indexOf(delimiter, i + delimiter.length);
  const inner = end < 0 ? '' : s.slice(i + delimiter.length, end);
  if (inner === '' || inner.trim() !== inner) return -1;
  if (delimiter === '_' && (/\w/.test(s[i - 1] ?? '') || /\w/.test(s[end + 1] ?? ''))) return -1;
  return end;
}

const EMPHASIS: [string, (children: Child[]) => Child][] = [
  ['**', (c) => <strong>{c}</strong>],
  ['__', (c) => <strong>{c}</strong>],
  ['~~', (c) => <del>{c}</del>],
  ['*', (c) => <em>{c}</em>],
  ['_', (c) => <em>{c}</em>],
];

/** One paragraph's text (a line break inside shows as one) as JSX. */
export function larkInline(s: string, ctx: DrawContext): Child[] {
  const out: Child[] = [];
  let text = '';
  const push = (node: Child) => {
    if (text) out.push(text);
    text = '';
    out.push(node);
  };
  let i = 0;
  outer: while (i < s.length) {
    const c = s[i]!;
    if (c === '\n') {
      push(<br />);
      i += 1;
      continue;
    }
    if (c === '\\' && PUNCTUATION.test(s[i + 1] ?? '')) {
      text += s[i + 1];
      i += 2;
      continue;
    }
    if (c === '&') {
      const m = matchAt(ENTITY, s, i);
      const char = m ? entityChar(m[1]!) : undefined;
      if (m && char !== undefined) {
        text += char;
        i += m[0].length;
        continue;
      }
    }
    if (c === '`') {
      const end = s.indexOf('`', i + 1);
      if (end > i + 1) {
        push(<code class="lk-md__code-inline">{s.slice(i + 1, end)}</code>);
        i = end + 1;
        continue;
      }
    }
    for (const [delimiter, wrap] of EMPHASIS) {
      if (!s.startsWith(delimiter, i)) continue;
      const end = emphasisEnd(s, i, delimiter);
      if (end < 0) continue;
      push(wrap(larkInline(s.slice(i + delimiter.length, end), ctx)));
      i = end + delimiter.length;
      continue outer;
    }
    if (c === '[' || (c === '!' && s[i + 1] === '[')) {
      const m = matchAt(LINK, s, i);
      if (m) {
        const [, image, label, target] = m;
        const url = safeUrl(target);
        if (image) push(<span class="lk-md__img">🖼 {label || '图片'}</span>);
        else if (url) push(<a class="lk-link" href={url} target="_blank" rel="noopener">{larkInline(label!, ctx)}</a>);
        else push(<span>{larkInline(label!, ctx)}</span>);
        i += m[0].length;
        continue;
      }
    }
    if (c === '<') {
      const drawn = tagAt(s, i, ctx);
      if (drawn) {
        push(drawn.node);
        i = drawn.end;
        continue;
      }
    }
    text += c;
    i += 1;
  }
  if (text) out.push(text);
  return out;
}

/** A Lark tag starting at `i`, drawn, and where it ends; undefined when it is none (then `<` is text). */
function tagAt(s: string, i: number, ctx: DrawContext): { node: Child; end: number } | undefined {
  const open = matchAt(OPEN_TAG, s, i);
  if (!open) return undefined;
  const name = open[1]!.toLowerCase();
  const attributes = attributesOf(open[2] ?? '');
  const afterOpen = i + open[0].length;
  if (name === 'br') return { node: <br />, end: afterOpen };
  if (name === 'hr') return { node: <hr class="lk-md__hr" />, end: afterOpen };
  if (!PAIRED.includes(name) || open[3]) return undefined;
  const close = closingOf(s, name, afterOpen);
  if (!close) return undefined;
  const inner = s.slice(afterOpen, close.start);
  return { node: drawTag(name, attributes, inner, ctx), end: close.end };
}

function drawTag(name: string, a: Attributes, inner: string, ctx: DrawContext): Child {
  const content = () => larkInline(inner, ctx);
  switch (name) {
    case 'font': {
      const color = colorOf(a.color);
      return <span class={color.class} style={color.style}>{content()}</span>;
    }
    case 'text_tag':
      return <span class={`lk-tag ${colorOf(a.color ?? 'blue').class ?? 'lk-c--blue'}`}>{content()}</span>;
    case 'at':
      return mentions(a, inner, ctx);
    case 'person':
      return <span class="lk-at">@{ctx.nameOf(a.id ?? '') ?? a.id ?? ''}</span>;
    case 'a':
    case 'link': {
      const url = safeUrl(a.href ?? a.url ?? a.pc_url);
      return url ? <a class="lk-link" href={url} target="_blank" rel="noopener">{inner ? content() : url}</a> : <span>{content()}</span>;
    }
    case 'raw':
      return <span>{inner}</span>;
    case 'number_tag':
      return <span class="lk-number-tag">{content()}</span>;
    default:
      return <span>{localDatetime(a, ctx)}</span>;
  }
}

/** `<at id=ou_…></at>` as Lark shows it: @ and the person's name (the console's roster, else what the tag holds, else the id). */
function mentions(a: Attributes, inner: string, ctx: DrawContext): Child {
  const ids = (a.ids ?? a.id ?? a.user_id ?? a.open_id ?? a.email ?? '').split(',').map((id) => id.trim()).filter(Boolean);
  const words = larkInline(inner, ctx);
  return ids.map((id) => {
    const all = id === 'all';
    const name = all ? '所有人' : (ctx.nameOf(id) ?? (inner.trim() ? words : id));
    return <span class={all ? 'lk-at lk-at--all' : 'lk-at'} data-id={id}>@{name}</span>;
  });
}

function localDatetime(a: Attributes, ctx: DrawContext): string {
  const ms = Number(a.millisecond);
  if (!a.millisecond || !Number.isFinite(ms)) return '';
  const dateOnly = (a.format_type ?? 'date_num').startsWith('date');
  const f = new Intl.DateTimeFormat('sv-SE', { timeZone: ctx.timezone, dateStyle: 'short', ...(dateOnly ? {} : { timeStyle: 'short' }) });
  return f.format(new Date(ms));
}

// Indentation is spaces and tabs only: a full-width space (　) is text, as in CommonMark.
const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const BULLET = /^([ \t]*)[-*+][ \t]+(.*)$/;
const ORDERED = /^([ \t]*)(\d{1,9})[.)][ \t]+(.*)$/;
const QUOTE = /^ {0,3}>[ \t]?(.*)$/;
const RULE = /^ {0,3}(<hr[ \t]*\/?>|(-[ \t]*){3,}|(\*[ \t]*){3,}|(_[ \t]*){3,})$/;
const FENCE = /^ {0,3}```/;
const BLANK = /^[ \t]*$/;
const trimIndent = (line: string) => line.replace(/^[ \t]+|[ \t]+$/g, '');

/** A markdown element's content as blocks: paragraphs, headings, list items, quotes, rules, code. */
export function larkMarkdown(content: string, ctx: DrawContext): Child[] {
  const lines = content.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Child[] = [];
  let paragraph: string[] = [];
  let quote: string[] = [];
  const endParagraph = () => {
    if (paragraph.length > 0) blocks.push(<div class="lk-md__p">{larkInline(paragraph.join('\n'), ctx)}</div>);
    if (quote.length > 0) blocks.push(<blockquote class="lk-md__quote">{larkInline(quote.join('\n'), ctx)}</blockquote>);
    paragraph = [];
    quote = [];
  };
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    let m: RegExpExecArray | null;
    if (FENCE.test(line)) {
      endParagraph();
      const code: string[] = [];
      for (n += 1; n < lines.length && !FENCE.test(lines[n]!); n++) code.push(lines[n]!);
      blocks.push(<pre class="lk-md__code"><code>{code.join('\n')}</code></pre>);
    } else if (RULE.test(line)) {
      endParagraph();
      blocks.push(<hr class="lk-md__hr" />);
    } else if ((m = HEADING.exec(line))) {
      endParagraph();
      blocks.push(<div class={`lk-md__h${m[1]!.length}`}>{larkInline(m[2]!, ctx)}</div>);
    } else if ((m = BULLET.exec(line))) {
      endParagraph();
      blocks.push(<div class={`lk-md__li lk-md__li--bullet lk-md__li--l${level(m[1]!)}`}>{larkInline(m[2]!, ctx)}</div>);
    } else if ((m = ORDERED.exec(line))) {
      endParagraph();
      blocks.push(
        <div class={`lk-md__li lk-md__li--ordered lk-md__li--l${level(m[1]!)}`}>
          <span class="lk-md__num">{m[2]}.</span>
          {larkInline(m[3]!, ctx)}
        </div>,
      );
    } else if ((m = QUOTE.exec(line))) {
      if (paragraph.length > 0) endParagraph();
      quote.push(m[1]!);
    } else if (BLANK.test(line)) {
      endParagraph();
    } else {
      if (quote.length > 0) endParagraph();
      paragraph.push(trimIndent(line));
    }
  }
  endParagraph();
  return blocks;
}

/** A list item's nesting: Lark reads four spaces as a level (two are taken as one too). */
const level = (indent: string) => Math.min(3, Math.ceil(indent.replace(/\t/g, '    ').length / 4));
