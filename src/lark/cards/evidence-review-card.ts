import { MAX_REVIEW_NOTE, type EvidenceReviewPresenter, type ReviewDecision } from '../../domain/evidence/review-evidence.js';
import type { PlaceQuery, ReviewQueue } from '../../domain/evidence/read-review-queue.js';
import { localDate } from '../../domain/time/zoned-time.js';
import { evidenceReviewTexts as t } from '../../texts/evidence-review-texts.js';
import { escapeMarkdown as e, escapeText } from './escape-markdown.js';
import { pageButtonsRow } from './summary-pager.js';

/** 查看: the upload's file, 1:1 to the clicker: card-actions/view-evidence-action.ts. */
export type ViewEvidenceValue = { action: 'view_evidence'; evidence_id: number };
/** A page of the list again (上一页/下一页, 退回 opening its reason form, 取消 closing it): card-actions/review-page-action.ts. */
export type ReviewPageValue = { action: 'review_page'; page: number; rejecting?: number } & PlaceQuery;
/** 通过, or 确认退回 with the reason in form_value.note: card-actions/review-evidence-action.ts. */
export type ReviewDecideValue = { action: 'review_evidence'; evidence_id: number; decision: ReviewDecision; page: number } & PlaceQuery;

const plain = (content: string) => ({ tag: 'plain_text', content });
const markdown = (content: string) => ({ tag: 'markdown', content });
const button = (label: string, type: string, value: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  tag: 'button',
  text: plain(label),
  type,
  size: 'small',
  ...extra,
  behaviors: [{ type: 'callback', value }],
});
const row = (buttons: Record<string, unknown>[]) => ({
  tag: 'column_set',
  flex_mode: 'none',
  columns: buttons.map((b) => ({ tag: 'column', width: 'auto', elements: [b] })),
});

/**
 * 审核 (JSON 2.0), 1:1 only: pending evidence oldest first — school, sub-item, file name, uploader,
 * date — each with 通过, 退回 and 查看 (the file, sent 1:1); 退回 redraws the card with a reason form under that upload.
 * Names and dates only: the file itself is never put on a card. `note` says what the last click did.
 */
export function buildEvidenceReviewCard(queue: ReviewQueue, o: { timezone: string; rejecting?: number; note?: string }): Record<string, unknown> {
  // Plain text (the header and the summary): shown as typed without escaping.
  const title = t.cardTitle(queue.place);
  const at = { ...queue.query, page: queue.page };
  const pageValue = (page: number, rejecting?: number): ReviewPageValue => ({ action: 'review_page', ...queue.query, page, ...(rejecting ? { rejecting } : {}) });
  const decide = (id: number, decision: ReviewDecision): ReviewDecideValue => ({ action: 'review_evidence', evidence_id: id, decision, ...at });
  const view = (id: number) => button(t.view, 'default', { action: 'view_evidence', evidence_id: id } satisfies ViewEvidenceValue);
  const elements: Record<string, unknown>[] = [];
  if (o.note) elements.push(markdown(o.note));
  elements.push(markdown(t.counts(queue.total, queue.offset + 1, queue.offset + queue.items.length)));
  for (const item of queue.items) {
    elements.push({ tag: 'hr' });
    elements.push(
      markdown(
        [
          t.itemHead(e(item.schoolName), e(item.subItemCode), e(item.subItemName)),
          t.itemLine(e(item.fileName), e(item.uploader.name), localDate(item.uploadedAt, o.timezone), item.id),
        ].join('\n'),
      ),
    );
    if (o.rejecting === item.id) {
      elements.push({
        tag: 'form',
        name: `reject_${item.id}`,
        elements: [
          { tag: 'input', name: 'note', required: true, input_type: 'multiline_text', label: plain(t.rejectLabel), label_position: 'top', placeholder: plain(t.rejectPlaceholder), max_length: MAX_REVIEW_NOTE },
          button(t.rejectSubmit, 'danger', decide(item.id, 'rejected'), { name: 'submit', form_action_type: 'submit' }),
        ],
      });
      elements.push(row([button(t.cancel, 'default', pageValue(queue.page)), view(item.id)]));
    } else {
      elements.push(row([button(t.accept, 'primary', decide(item.id, 'accepted')), button(t.reject, 'danger', pageValue(queue.page, item.id)), view(item.id)]));
    }
  }
  if (queue.pages > 1) elements.push(pageButtonsRow((page) => pageValue(page), queue.page, queue.pages));
  elements.push({ tag: 'markdown', content: t.rule, text_size: 'notation' });
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: title } },
    header: { title: plain(title), template: queue.total > 0 ? 'orange' : 'green' },
    body: { elements },
  };
}

/** What the last click did, for the top of the redrawn card. */
export function decidedNote(o: { decision: ReviewDecision; fileName: string; schoolName: string; subItemCode: string }): string {
  const said = o.decision === 'accepted' ? t.acceptedNote : t.rejectedNote;
  return said(e(o.fileName), e(o.schoolName), e(o.subItemCode));
}

/** Evidence review as Lark shows it to the uploader (see EvidenceReviewPresenter). */
export const evidenceReviewPresenter: EvidenceReviewPresenter = {
  rejectedText: ({ evidence, note, reviewer }) =>
    t.rejectedNotice({
      fileName: escapeText(evidence.fileName),
      code: escapeText(evidence.subItemCode),
      subItem: escapeText(evidence.subItemName),
      school: escapeText(evidence.schoolName),
      note: escapeText(note),
      reviewer: escapeText(reviewer.name),
    }),
};
