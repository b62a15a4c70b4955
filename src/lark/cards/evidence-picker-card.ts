import type { FrameworkSubItem } from '../../db/queries/evidence.js';
import { evidenceTexts as t } from '../../texts/evidence-texts.js';
import { escapeMarkdown } from './escape-markdown.js';

/** What the picker's submit button carries back (card-actions/file-evidence-action.ts); the choice is in form_value.sub_item. */
export type FileEvidenceValue = { action: 'file_evidence'; open_id: string; evidence_id: number };

/** Lark's select_static shows long lists fine, but a card stays under 30 KB: at most this many options. */
const MAX_OPTIONS = 120;

const plain = (content: string) => ({ tag: 'plain_text', content });

/**
 * Sent 1:1 to whoever sent the photo or file: which sub-item of the framework in force it
 * supports. `subItems` come in the picker's order (evidence-scored first); nothing of the file is shown but its name.
 */
export function buildEvidencePickerCard(o: { openId: string; evidenceId: number; fileName: string; subItems: readonly FrameworkSubItem[] }): Record<string, unknown> {
  const value: FileEvidenceValue = { action: 'file_evidence', open_id: o.openId, evidence_id: o.evidenceId };
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: t.pickerTitle } },
    header: { title: plain(t.pickerTitle), template: 'blue' },
    body: {
      elements: [
        { tag: 'markdown', content: escapeMarkdown(t.received(o.fileName)) },
        {
          tag: 'form',
          name: 'evidence_form',
          elements: [
            {
              tag: 'select_static',
              name: 'sub_item',
              required: true,
              label: plain(t.pickerLabel),
              label_position: 'top',
              placeholder: plain(t.pickerPlaceholder),
              width: 'fill',
              options: o.subItems.slice(0, MAX_OPTIONS).map((s) => ({ text: plain(t.pickerOption(s.code, s.name, s.scoring === 'evidence')), value: String(s.id) })),
            },
            {
              tag: 'button',
              name: 'submit',
              text: plain(t.pickerSubmit),
              type: 'primary_filled',
              form_action_type: 'submit',
              behaviors: [{ type: 'callback', value }],
            },
          ],
        },
      ],
    },
  };
}
