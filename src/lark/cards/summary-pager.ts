import { summaryTexts } from '../../texts/summary-texts.js';

/** Schools per page of a summary card: a county's fit on one or two, and a page stays well under Lark's limits. */
export const SCHOOLS_PER_PAGE = 20;
/** With a report button per school (1:1), fewer: each row is four components. */
export const SCHOOLS_PER_PAGE_WITH_BUTTONS = 10;

/** What a page button carries: the words that select the summary again, and the page it opens. */
export type SummaryPageValue = { action: 'summary_page'; campaign: string; period: string; place?: string; page: number; buttons?: boolean };

export const pageCount = (items: number, perPage: number) => Math.max(1, Math.ceil(items / perPage));

/** The page asked for, kept within the pages there are (a list may have shrunk since the card was sent). */
export const clampPage = (page: number, pages: number) => Math.min(Math.max(1, Math.floor(page)), pages);

const button = (label: string, value: Record<string, unknown>, disabled: boolean) => ({
  tag: 'button',
  text: { tag: 'plain_text', content: label },
  type: 'default',
  size: 'small',
  disabled,
  behaviors: [{ type: 'callback', value }],
});

/** `上一页 · 第 k/n 页 · 下一页` for any paged card: `valueOf` makes the callback value that opens a page. */
export function pageButtonsRow(valueOf: (page: number) => Record<string, unknown>, page: number, pages: number): Record<string, unknown> {
  return {
    tag: 'column_set',
    flex_mode: 'none',
    horizontal_align: 'center',
    columns: [
      { tag: 'column', width: 'auto', elements: [button(summaryTexts.pages.previous, valueOf(page - 1), page <= 1)] },
      { tag: 'column', width: 'auto', vertical_align: 'center', elements: [{ tag: 'markdown', content: summaryTexts.pages.of(page, pages) }] },
      { tag: 'column', width: 'auto', elements: [button(summaryTexts.pages.next, valueOf(page + 1), page >= pages)] },
    ],
  };
}

/** The summary's pager: each button's callback returns the card for its page, in place. */
export function pagerRow(o: { query: Omit<SummaryPageValue, 'action' | 'page'>; page: number; pages: number }): Record<string, unknown> {
  return pageButtonsRow((page): SummaryPageValue => ({ action: 'summary_page', ...o.query, page }), o.page, o.pages);
}
