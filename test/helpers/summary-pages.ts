import { findNodes } from './card-tree.js';

export type Card = Record<string, unknown>;

/** Lark refuses a card message over 30 KB and a card over 200 elements. */
export const LARK_CARD_BYTES = 30 * 1024;
export const LARK_CARD_ELEMENTS = 200;

export const bytesOf = (card: unknown) => Buffer.byteLength(JSON.stringify(card), 'utf8');
/** Every component of the card, nested ones included (Lark's 200 counts them all). */
export const componentsOf = (card: Card) => findNodes(card.body, (n) => typeof n.tag === 'string').length;
/** Every markdown's text, nested ones included, in order. */
export const textOf = (card: Card) =>
  findNodes(card.body, (n) => n.tag === 'markdown')
    .map((n) => String(n.content))
    .join('\n');
/** The `第 k/n 页` the pager shows: [k, n], or undefined for a card of one page. */
export function pageOf(card: Card): [number, number] | undefined {
  const m = /第 (\d+)\/(\d+) 页/.exec(textOf(card));
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}
/** The page buttons' callback values, by label. */
export function pageButtons(card: Card): Record<string, { value: Record<string, unknown>; disabled: boolean }> {
  const buttons = findNodes(card.body, (n) => n.tag === 'button' && JSON.stringify(n).includes('summary_page'));
  return Object.fromEntries(
    buttons.map((b) => [
      (b.text as { content: string }).content,
      { value: (b.behaviors as { value: Record<string, unknown> }[])[0]!.value, disabled: b.disabled === true },
    ]),
  );
}
/** The charts on the card, by their VChart type. */
export const chartsOf = (card: Card) => findNodes(card.body, (n) => n.tag === 'chart').map((n) => n.chart_spec as Record<string, unknown>);
