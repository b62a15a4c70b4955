import type { Child } from 'hono/jsx';
import {
  backgroundOf,
  callbackAttribute,
  callbackOf,
  classes,
  colorOf,
  isMarkdownText,
  isRecord,
  listOf,
  noteUnknown,
  pixelsOf,
  recordsOf,
  spacingOf,
  stringOf,
  textClasses,
  textOf,
  type DrawContext,
  type Drawer,
  type Json,
} from './draw-context.js';
import { inputDrawers } from './input-drawers.js';
import { larkInline, larkMarkdown } from './lark-markdown.js';
import { mediaDrawers } from './media-drawers.js';

/*
 * A Lark card (JSON 2.0, and 1.0's shape where it is the same) drawn as HTML the way Lark shows
 * it, for the sandbox console. Pure and synchronous: card JSON in, markup out. A component it
 * cannot draw still shows, as a visible box, and is named in `unknownTags`, so a test notices a
 * card the console would show wrong. The DOM contract (classes, data-callback, form names) is
 * what the console's script reads.
 */

const TEMPLATES = ['blue', 'wathet', 'turquoise', 'green', 'yellow', 'orange', 'red', 'carmine', 'violet', 'purple', 'indigo', 'grey', 'default'];

export type CardViewOptions = {
  /** A person's name for an `<at>` id (the sandbox's roster), so a mention reads @王老师 rather than @ou_…. */
  nameOf?: (id: string) => string | undefined;
  /** Where dates in tables and `<local_datetime>` are shown; Asia/Shanghai by default. */
  timezone?: string;
};

/** The card as Lark shows it; `unknownTags` (when given) receives what it could not draw, once the tree is rendered to a string. */
export function CardView(props: { card: unknown; unknownTags?: string[] } & CardViewOptions): Child {
  const ctx: DrawContext = { unknown: props.unknownTags ?? [], inForm: false, nameOf: props.nameOf ?? (() => undefined), timezone: props.timezone ?? 'Asia/Shanghai' };
  const card = isRecord(props.card) ? props.card : {};
  const body = isRecord(card.body) ? card.body : card;
  const elements = body.elements ?? (isRecord(card.i18n_elements) ? card.i18n_elements.zh_cn : undefined);
  const fill = isRecord(card.config) && card.config.width_mode === 'fill';
  return (
    <div class={classes('lk-card', fill && 'lk-card--fill')}>
      {isRecord(card.header) && drawHeader(card.header, ctx)}
      <div class="lk-card__body">{drawElements(elements, ctx)}</div>
    </div>
  );
}

/** The card's HTML and the tags (or behaviours) it met and could not draw, in order. */
export function renderCard(card: unknown, o: CardViewOptions = {}): { html: string; unknownTags: string[] } {
  const unknownTags: string[] = [];
  const html = String(<CardView card={card} unknownTags={unknownTags} {...o} />);
  return { html, unknownTags };
}

function drawHeader(header: Json, ctx: DrawContext): Child {
  const template = stringOf(header.template) ?? 'default';
  // Only a subtitle configured shows as the title (标题组件).
  const [title, subtitle] = header.title !== undefined ? [header.title, header.subtitle] : [header.subtitle, undefined];
  const tags = recordsOf(header.text_tag_list).slice(0, 3);
  return (
    <div class={`lk-card__header lk-header--${TEMPLATES.includes(template) ? template : 'default'}`}>
      <div class="lk-card__title">{drawTextObject(title, ctx)}</div>
      {subtitle !== undefined && <div class="lk-card__subtitle">{drawTextObject(subtitle, ctx)}</div>}
      {tags.length > 0 && (
        <div class="lk-card__tags">
          {tags.map((t) => (
            <span class={`lk-tag ${colorOf(t.color ?? 'blue').class ?? 'lk-c--blue'}`}>{textOf(t.text)}</span>
          ))}
        </div>
      )}
    </div>
  );
}

/** A text object's words: markdown for lark_md, else as typed (line breaks kept by the CSS). */
function drawTextObject(text: unknown, ctx: DrawContext): Child {
  return isMarkdownText(text) ? larkInline(textOf(text), ctx) : textOf(text);
}

function drawElements(elements: unknown, ctx: DrawContext): Child[] {
  return listOf(elements).map((el) => drawElement(el, ctx));
}

function drawElement(el: unknown, ctx: DrawContext): Child {
  const tag = isRecord(el) ? (stringOf(el.tag) ?? '') : '';
  // Own keys only: a tag such as `constructor` is no drawer.
  const draw = isRecord(el) && Object.hasOwn(DRAWERS, tag) ? DRAWERS[tag] : undefined;
  if (!draw || !isRecord(el)) {
    noteUnknown(ctx, tag || '(无 tag)');
    return <div class="lk-unknown">无法显示的组件：{tag || '(无 tag)'}</div>;
  }
  const margin = spacingOf(el.margin);
  return margin ? <div style={`margin: ${margin}`}>{draw(el, ctx)}</div> : draw(el, ctx);
}

function drawMarkdown(el: Json, ctx: DrawContext): Child {
  return <div class={classes('lk-markdown', textClasses(el))}>{larkMarkdown(textOf(el), ctx)}</div>;
}

/** Text as typed: 2.0's `div` with a `text` (and 1.0's `fields`). */
function drawPlainText(text: Json, ctx: DrawContext): Child {
  const color = isMarkdownText(text) ? {} : colorOf(text.text_color);
  const lines = typeof text.lines === 'number' && text.lines > 0 ? `-webkit-line-clamp: ${Math.floor(text.lines)}` : undefined;
  const style = [color.style, lines].filter(Boolean).join('; ') || undefined;
  return (
    <div class={classes(isMarkdownText(text) ? 'lk-markdown' : 'lk-plain', textClasses(text), color.class, lines && 'lk-clamp')} style={style}>
      {isMarkdownText(text) ? larkMarkdown(textOf(text), ctx) : textOf(text)}
    </div>
  );
}

function drawDiv(el: Json, ctx: DrawContext): Child {
  const fields = recordsOf(el.fields);
  return (
    <div class="lk-div">
      {isRecord(el.text) && drawPlainText(el.text, ctx)}
      {fields.length > 0 && (
        <div class="lk-fields">{fields.map((f) => <div class={f.is_short === true ? 'lk-fields__short' : 'lk-fields__long'}>{isRecord(f.text) && drawPlainText(f.text, ctx)}</div>)}</div>
      )}
      {isRecord(el.extra) && <div class="lk-div__extra">{drawElement(el.extra, ctx)}</div>}
    </div>
  );
}

const FLEX_MODES = ['none', 'stretch', 'flow', 'bisect', 'trisect'];

function drawColumnSet(el: Json, ctx: DrawContext): Child {
  const mode = stringOf(el.flex_mode) ?? 'none';
  const gap = spacingOf(el.horizontal_spacing) ?? '8px';
  const align = stringOf(el.horizontal_align);
  const justify = align === 'center' ? 'center' : align === 'right' ? 'flex-end' : undefined;
  return (
    <div
      class={classes('lk-columns', `lk-columns--${FLEX_MODES.includes(mode) ? mode : 'none'}`, backgroundOf(el.background_style))}
      style={[`gap: ${gap}`, justify && `justify-content: ${justify}`].filter(Boolean).join('; ')}
    >
      {recordsOf(el.columns).map((c) => (c.tag === 'column' ? drawColumn(c, ctx) : drawElement(c, ctx)))}
    </div>
  );
}

/** A column: auto (its content's width), weighted (a share of the row, 1–5) or a fixed px width. */
function drawColumn(el: Json, ctx: DrawContext): Child {
  const width = stringOf(el.width) ?? 'auto';
  const weight = typeof el.weight === 'number' ? Math.min(5, Math.max(1, Math.round(el.weight))) : 1;
  const px = pixelsOf(el.width, 600);
  const flex = width === 'weighted' ? `flex: ${weight} 1 0` : px ? `flex: 0 0 ${px}px` : 'flex: 0 1 auto';
  const vertical = stringOf(el.vertical_align);
  const horizontal = stringOf(el.horizontal_align);
  const style = [
    flex,
    `gap: ${spacingOf(el.vertical_spacing) ?? '8px'}`,
    vertical === 'center' ? 'justify-content: center' : vertical === 'bottom' ? 'justify-content: flex-end' : undefined,
    spacingOf(el.padding) && `padding: ${spacingOf(el.padding)}`,
  ];
  const align = horizontal === 'center' || horizontal === 'right' ? `lk-column--${horizontal}` : undefined;
  return (
    <div class={classes('lk-column', el.direction === 'horizontal' && 'lk-column--horizontal', align, backgroundOf(el.background_style))} style={style.filter(Boolean).join('; ')}>
      {drawElements(el.elements, ctx)}
    </div>
  );
}

function drawForm(el: Json, ctx: DrawContext): Child {
  return (
    <form class="lk-form" data-form-name={stringOf(el.name)}>
      {drawElements(el.elements, { ...ctx, inForm: true })}
    </form>
  );
}

function drawPanel(el: Json, ctx: DrawContext): Child {
  const header = isRecord(el.header) ? el.header : {};
  return (
    <details class={classes('lk-panel', isRecord(el.border) && 'lk-panel--border', backgroundOf(el.background_color))} open={el.expanded === true}>
      <summary class="lk-panel__header">{drawTextObject(header.title, ctx)}</summary>
      <div class="lk-panel__body">{drawElements(el.elements, ctx)}</div>
    </details>
  );
}

/** 交互容器: a box of components that calls back (or opens a link) when clicked as a whole. */
function drawInteractiveContainer(el: Json, ctx: DrawContext): Child {
  const { value, url } = callbackOf(el, ctx);
  return (
    <div class={classes('lk-container', backgroundOf(el.background_style), isRecord(el.border) || el.has_border === true ? 'lk-container--border' : undefined)} data-callback={callbackAttribute(value)} data-url={url}>
      {drawElements(el.elements, ctx)}
    </div>
  );
}

/** 1.0's action row: buttons (and pickers) side by side. */
function drawActions(el: Json, ctx: DrawContext): Child {
  return <div class={classes('lk-actions', el.layout === 'bisected' && 'lk-actions--bisected')}>{drawElements(el.actions, ctx)}</div>;
}

// No bare `plain_text` element: JSON 2.0 has none (its text component is `div`), and Lark refuses
// a card with a tag it does not know, so the console must not draw one as if it were fine.
const DRAWERS: Record<string, Drawer> = {
  markdown: drawMarkdown,
  div: drawDiv,
  hr: () => <hr class="lk-hr" />,
  column_set: drawColumnSet,
  column: drawColumn,
  form: drawForm,
  collapsible_panel: drawPanel,
  interactive_container: drawInteractiveContainer,
  action: drawActions,
  ...inputDrawers,
  ...mediaDrawers,
};
