import type { Answers } from '../../db/schema/responses.js';
import { formTexts } from '../../texts/form-texts.js';
import { escapeMarkdown } from './escape-markdown.js';

/**
 * A button's value on the confirmation card: what card-actions/confirm-answer-action.ts reads
 * back. The answers ride in the button, so nothing half-stored waits in the database; the card
 * goes 1:1 only, since a note in the value could name a child.
 */
export type ConfirmAnswerValue = { action: 'confirm_answer'; round_id: number; open_id: string; answers: Answers; yes: boolean };

export type ConfirmAnswerContent = {
  roundId: number;
  openId: string;
  answers: Answers;
  items: readonly Implausible[];
};

type Implausible = { label: string; value: number; plausibleMax: number };

/** The card's question, its fields' labels (from the campaign file) escaped for markdown. */
export const confirmQuestion = (items: readonly Implausible[]): string =>
  formTexts.confirmQuestion(items.map((i) => ({ ...i, label: escapeMarkdown(i.label) })));

/** "确认「走访户数」是 999 户吗？" with 是/否: a number far above a month's work is stored only when confirmed. */
export function buildConfirmAnswerCard(o: ConfirmAnswerContent): Record<string, unknown> {
  const value = (yes: boolean): ConfirmAnswerValue => ({ action: 'confirm_answer', round_id: o.roundId, open_id: o.openId, answers: o.answers, yes });
  const button = (yes: boolean) => ({
    tag: 'button',
    text: { tag: 'plain_text', content: yes ? formTexts.confirmYes : formTexts.confirmNo },
    type: yes ? 'primary' : 'default',
    behaviors: [{ type: 'callback', value: value(yes) }],
  });
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: formTexts.confirmTitle } },
    header: { title: { tag: 'plain_text', content: formTexts.confirmTitle }, template: 'orange' },
    body: {
      elements: [
        { tag: 'markdown', content: confirmQuestion(o.items) },
        { tag: 'column_set', columns: [button(true), button(false)].map((b) => ({ tag: 'column', width: 'auto', elements: [b] })) },
      ],
    },
  };
}

/** The confirmation card once answered: the question stays, the buttons give way to what happened. */
export function buildConfirmAnswerDoneCard(question: string, outcome: string): Record<string, unknown> {
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: formTexts.confirmTitle } },
    header: { title: { tag: 'plain_text', content: formTexts.confirmTitle }, template: 'grey' },
    body: { elements: [{ tag: 'markdown', content: question }, { tag: 'markdown', content: outcome }] },
  };
}
