import { inspectionFieldNames, type InspectionSheet } from '../../domain/inspections/inspect-school.js';
import type { InspectionView } from '../../domain/inspections/read-inspection.js';
import { formatLocal } from '../../domain/time/zoned-time.js';
import { inspectionTexts as t } from '../../texts/inspection-texts.js';
import { escapeMarkdown as e } from './escape-markdown.js';

/** The form's submit value: card-actions/inspection-form-action.ts reads it back. */
export type InspectionFormValue = { action: 'inspection_form'; school_id: number; framework_id: number; period: string };

const plain = (content: string) => ({ tag: 'plain_text', content });
const markdown = (content: string, size?: 'notation') => ({ tag: 'markdown', content, ...(size ? { text_size: size } : {}) });

/** Each sub-item's score in force, its deduction's reason and remedy, and the scores it corrected. */
export function scoreLines(view: InspectionView, timezone: string, o: { history: boolean }): string[] {
  return view.subItems.flatMap((s) => {
    if (!s.current) return [t.notScored(e(s.code), e(s.name), s.points)];
    return [
      t.scoreLine(e(s.code), e(s.name), s.current.score, s.points),
      ...(s.current.reason ? [t.reasonLine(e(s.current.reason))] : []),
      ...(s.current.remedy ? [t.remedyLine(e(s.current.remedy))] : []),
      ...(s.current.photoEvidenceId !== null ? [t.photoLine] : []),
      ...(o.history ? s.replaced.map((r) => t.replacedLine(r.score, formatLocal(r.at, timezone), e(r.byName), e(r.reason ?? ''))) : []),
    ];
  });
}

/** The rectifications the school sent, oldest first. */
export function rectificationLines(view: InspectionView, timezone: string): string[] {
  if (view.rectifications.length === 0) return [t.noRectification];
  return view.rectifications.map((r) => t.rectificationLine(formatLocal(r.at, timezone), e(r.byName), e(r.note), r.evidenceId !== null));
}

/**
 * The inspector's card of a school's inspection this month, 1:1 only: what is recorded (scores,
 * deductions, corrections, the school's rectifications) and the form to score or correct, one
 * row per inspection sub-item grouped by 大项.
 */
export function buildInspectionCard(sheet: InspectionSheet, timezone: string): Record<string, unknown> {
  const value: InspectionFormValue = { action: 'inspection_form', school_id: sheet.school.id, framework_id: sheet.frameworkId, period: sheet.period };
  const title = t.formTitle(sheet.school.name, sheet.period);
  const view = sheet.view;
  const recorded = view
    ? [
        markdown(t.scoresHeading),
        markdown(scoreLines(view, timezone, { history: true }).join('\n')),
        markdown(t.total(view.total.score, view.total.points)),
        markdown(t.rectificationsHeading),
        markdown(rectificationLines(view, timezone).join('\n')),
        { tag: 'hr' },
      ]
    : [];
  const rows = sheet.subItems.flatMap((s, i) => {
    const names = inspectionFieldNames(s.id);
    const current = view?.subItems.find((v) => v.id === s.id)?.current;
    const heading = i === 0 || sheet.subItems[i - 1]!.itemName !== s.itemName ? [markdown(`**${e(s.itemName)}**`)] : [];
    return [
      ...heading,
      {
        tag: 'input',
        name: names.score,
        label: plain(t.scoreLabel(s.code, s.name, s.points)),
        label_position: 'top',
        placeholder: plain(t.scorePlaceholder(s.points)),
        ...(current ? { default_value: String(current.score) } : {}),
        max_length: 5,
      },
      { tag: 'input', name: names.reason, label: plain(t.reasonLabel), label_position: 'left', placeholder: plain(t.reasonPlaceholder), max_length: 200 },
      { tag: 'input', name: names.remedy, label: plain(t.remedyLabel), label_position: 'left', placeholder: plain(t.remedyPlaceholder), max_length: 200 },
    ];
  });
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: title } },
    header: { title: plain(title), template: 'blue' },
    body: {
      elements: [
        ...recorded,
        markdown(t.formIntro, 'notation'),
        {
          tag: 'form',
          name: 'inspection_form',
          elements: [...rows, { tag: 'button', name: 'submit', text: plain(t.submit), type: 'primary_filled', form_action_type: 'submit', behaviors: [{ type: 'callback', value }] }],
        },
      ],
    },
  };
}
