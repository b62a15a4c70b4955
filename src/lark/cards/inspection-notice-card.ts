import type { InspectionView } from '../../domain/inspections/read-inspection.js';
import type { InspectionPresenter } from '../../domain/inspections/record-inspection.js';
import { inspectionTexts as t } from '../../texts/inspection-texts.js';
import { escapeMarkdown as e, escapeText } from './escape-markdown.js';
import { rectificationLines } from './inspection-card.js';

/** 已整改's submit value: card-actions/inspection-rectify-action.ts reads it back. */
export type RectifyValue = { action: 'inspection_rectify'; inspection_id: number };

const plain = (content: string) => ({ tag: 'plain_text', content });
const markdown = (content: string) => ({ tag: 'markdown', content });

/**
 * The principal's card, 1:1 only: the deductions with their reasons and what to fix, the school's
 * answers so far, and 已整改 with a note. Sent again, marked, when a score is corrected.
 */
export function buildInspectionNoticeCard(view: InspectionView, o: { updated: boolean; timezone: string }): Record<string, unknown> {
  const value: RectifyValue = { action: 'inspection_rectify', inspection_id: view.inspection.id };
  const title = t.noticeTitle(view.inspection.period);
  const deductions = view.deductions.flatMap((d) => [
    t.deductionLine(e(d.code), e(d.name), d.lost),
    ...(d.current.reason ? [t.reasonLine(e(d.current.reason))] : []),
    ...(d.current.remedy ? [t.remedyLine(e(d.current.remedy))] : []),
  ]);
  const rectify =
    view.deductions.length === 0
      ? []
      : [
          markdown(t.rectificationsHeading),
          markdown(rectificationLines(view, o.timezone).join('\n')),
          {
            tag: 'form',
            name: 'rectify_form',
            elements: [
              { tag: 'input', name: 'note', required: true, input_type: 'multiline_text', label: plain(t.rectifyLabel), label_position: 'top', placeholder: plain(t.rectifyPlaceholder), max_length: 500 },
              { tag: 'button', name: 'submit', text: plain(t.rectifySubmit), type: 'primary_filled', form_action_type: 'submit', behaviors: [{ type: 'callback', value }] },
            ],
          },
        ];
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: title } },
    header: { title: plain(title), template: view.deductions.length > 0 ? 'orange' : 'green' },
    body: {
      elements: [
        markdown(t.noticeIntro(e(view.school.name), e(view.inspector.name)) + (o.updated ? t.noticeUpdated : '')),
        ...(deductions.length > 0 ? [markdown(t.deductionsHeading), markdown(deductions.join('\n'))] : [markdown(t.noDeductions)]),
        markdown(t.total(view.total.score, view.total.points)),
        ...rectify,
      ],
    },
  };
}

/** Inspections as Lark shows them (see InspectionPresenter). */
export const inspectionPresenter: InspectionPresenter = {
  noticeCard: buildInspectionNoticeCard,
  thanksText: (view) => t.thanks(escapeText(view.school.name)),
  rectifiedText: (view, o) => t.inspectorNotice(escapeText(view.school.name), view.inspection.period, escapeText(o.principal), escapeText(o.note)),
};
