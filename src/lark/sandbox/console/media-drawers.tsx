import type { Child } from 'hono/jsx';
import { colorOf, isMarkdownText, isRecord, listOf, pixelsOf, recordsOf, stringOf, textOf, type DrawContext, type Drawer, type Json } from './draw-context.js';
import { larkInline } from './lark-markdown.js';

/*
 * Charts, images and tables. The sandbox has no image bytes, so an image is a box naming its key;
 * a chart is an empty box carrying its VChart spec, which the console's script draws.
 */

const RATIOS: Record<string, string> = { '16:9': '16 / 9', '1:1': '1 / 1', '4:3': '4 / 3', '2:1': '2 / 1' };

function drawChart(el: Json): Child {
  const height = pixelsOf(el.height);
  const style = height ? `height: ${height}px` : `aspect-ratio: ${RATIOS[stringOf(el.aspect_ratio) ?? ''] ?? RATIOS['16:9']}`;
  return <div class="lk-chart" data-chart-spec={JSON.stringify(el.chart_spec ?? {})} data-color-theme={stringOf(el.color_theme) ?? 'brand'} style={style}></div>;
}

function imageBox(key: string | undefined, alt: string, extra?: string): Child {
  return (
    <div class={extra ? `lk-img ${extra}` : 'lk-img'} data-img-key={key} role="img" aria-label={alt || '图片'}>
      <span class="lk-img__label">🖼 {alt || '图片'}</span>
      {key && <span class="lk-img__key">{key}</span>}
    </div>
  );
}

function drawImage(el: Json): Child {
  return imageBox(stringOf(el.img_key), textOf(el.alt) || textOf(el.title), el.scale_type === 'crop_center' ? 'lk-img--crop' : undefined);
}

function drawImageCombination(el: Json): Child {
  return <div class="lk-img-grid">{recordsOf(el.img_list).map((i) => imageBox(stringOf(i.img_key), ''))}</div>;
}

/** A number as the table column's format says: precision, thousands separator, a currency symbol. */
function numberCell(v: unknown, format: unknown): string {
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) return stringOf(v) ?? '';
  const f = isRecord(format) ? format : {};
  const precision = typeof f.precision === 'number' ? Math.min(10, Math.max(0, f.precision)) : undefined;
  const text = n.toLocaleString('en-US', { useGrouping: f.separator === true, ...(precision === undefined ? {} : { minimumFractionDigits: precision, maximumFractionDigits: precision }) });
  return `${stringOf(f.symbol) ?? ''}${text}`;
}

function cell(column: Json, v: unknown, ctx: DrawContext): Child {
  switch (stringOf(column.data_type)) {
    case 'lark_md':
    case 'markdown':
      return larkInline(stringOf(v) ?? '', ctx);
    case 'number':
      return numberCell(v, column.format);
    case 'options':
      return recordsOf(v).map((o) => <span class={`lk-tag ${colorOf(o.color ?? 'blue').class ?? 'lk-c--blue'}`}>{stringOf(o.text)}</span>);
    case 'persons':
      return (Array.isArray(v) ? v : [v]).map((id) => <span class="lk-at">@{ctx.nameOf(stringOf(id) ?? '') ?? stringOf(id)}</span>);
    case 'date': {
      const ms = Number(v);
      return Number.isFinite(ms) ? new Intl.DateTimeFormat('sv-SE', { timeZone: ctx.timezone, dateStyle: 'short' }).format(new Date(ms)) : '';
    }
    default:
      return isRecord(v) || Array.isArray(v) ? JSON.stringify(v) : (stringOf(v) ?? '');
  }
}

/** The 2.0 table: every row shown (Lark pages them by page_size; the console scrolls instead). */
function drawTable(el: Json, ctx: DrawContext): Child {
  const columns = recordsOf(el.columns);
  return (
    <div class="lk-table-wrap">
      <table class="lk-table">
        <thead>
          <tr>
            {columns.map((c) => (
              <th style={pixelsOf(c.width, 600) ? `width: ${pixelsOf(c.width, 600)}px` : undefined}>{stringOf(c.display_name) ?? stringOf(c.name) ?? ''}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {recordsOf(el.rows).map((row) => (
            <tr>{columns.map((c) => <td class={c.data_type === 'number' ? 'lk-table__number' : undefined}>{cell(c, row[stringOf(c.name) ?? ''], ctx)}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** 1.0's note: small grey text and icons in a row. */
function drawNote(el: Json, ctx: DrawContext): Child {
  return (
    <div class="lk-note">
      {listOf(el.elements).map((e) =>
        isRecord(e) && e.tag === 'img' ? <span class="lk-note__img">🖼</span> : <span>{isMarkdownText(e) ? larkInline(textOf(e), ctx) : textOf(e)}</span>,
      )}
    </div>
  );
}

/** Charts, images, tables and 1.0's note by tag. */
export const mediaDrawers: Record<string, Drawer> = {
  chart: drawChart,
  img: drawImage,
  img_combination: drawImageCombination,
  table: drawTable,
  note: drawNote,
};
