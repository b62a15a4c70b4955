import type { DailyCheckCardContent, DailyCheckCardLine } from '../../domain/mentoring/daily-check-presenter.js';
import { mentoringTexts as t } from '../../texts/mentoring-texts.js';
import { escapeMarkdown } from './escape-markdown.js';

/** What a button of the card carries back to card-actions/daily-check-action.ts. */
export type DailyCheckValue = { action: 'daily_check'; check_id: number; answer: 'ok' | 'concern' };

/** The note's input in a student's form (names are unique across a card, so each carries the check). */
export const noteFieldOf = (checkId: number) => `note_${checkId}`;

const plain = (content: string) => ({ tag: 'plain_text', content });

/**
 * The mentor's 1:1 card of the day (full names: it goes only to the mentor): a small form per
 * student not yet answered, with an optional note and 情况正常 / 需关注; a line saying what was
 * recorded for each answered one. The same function redraws it in place after each tap.
 */
export function buildDailyCheckCard(o: DailyCheckCardContent): Record<string, unknown> {
  const open = o.checks.filter((c) => c.answer === null);
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: t.cardTitle } },
    header: { title: plain(t.cardTitle), template: open.length === 0 ? 'green' : 'blue' },
    body: {
      elements: [
        { tag: 'markdown', content: t.cardIntro(escapeMarkdown(o.mentorName), o.day) },
        ...o.checks.map((c) => (c.answer === null ? checkForm(c) : answeredLine(c))),
        ...(open.length === 0 ? [{ tag: 'markdown', content: t.cardAllDone, text_size: 'notation' }] : []),
      ],
    },
  };
}

function answeredLine(c: DailyCheckCardLine): Record<string, unknown> {
  const [name, className] = [escapeMarkdown(c.studentName), escapeMarkdown(c.className)];
  const content = c.answer === 'ok' ? t.answeredOk(name, className) : t.answeredConcern(name, className, c.note ? escapeMarkdown(c.note) : null);
  return { tag: 'markdown', content };
}

function checkForm(c: DailyCheckCardLine): Record<string, unknown> {
  const button = (answer: DailyCheckValue['answer']) => {
    const value: DailyCheckValue = { action: 'daily_check', check_id: c.id, answer };
    return {
      tag: 'column',
      width: 'weighted',
      weight: 1,
      elements: [
        {
          tag: 'button',
          name: `${answer}_${c.id}`,
          text: plain(answer === 'ok' ? t.ok : t.concern),
          type: answer === 'ok' ? 'primary_filled' : 'danger',
          width: 'fill',
          form_action_type: 'submit',
          behaviors: [{ type: 'callback', value }],
        },
      ],
    };
  };
  return {
    tag: 'form',
    name: `daily_check_${c.id}`,
    elements: [
      { tag: 'markdown', content: t.cardStudent(escapeMarkdown(c.studentName), escapeMarkdown(c.className)) },
      { tag: 'input', name: noteFieldOf(c.id), placeholder: plain(t.notePlaceholder), max_length: 200 },
      { tag: 'column_set', flex_mode: 'none', horizontal_spacing: 'default', columns: [button('ok'), button('concern')] },
    ],
  };
}
