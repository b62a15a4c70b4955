import type { DropoutState } from '../../db/schema/children-followup.js';
import type { DropoutCaseReading, DropoutListRow } from '../../domain/dropouts/read-dropouts.js';
import { formatLocal } from '../../domain/time/zoned-time.js';
import { dropoutStateNames as names, dropoutTexts as t, persuasionMethodNames } from '../../texts/dropout-texts.js';
import { escapeMarkdown } from './escape-markdown.js';

/** What a state button carries back to card-actions/dropout-state-action.ts: the case, the state it showed, the move. */
export type DropoutStateValue = { action: 'dropout_state'; open_id: string; case_id: number; student_id: number; from: DropoutState; to: DropoutState };

const frame = (title: string, template: string, elements: unknown[]) => ({
  schema: '2.0',
  config: { update_multi: true, summary: { content: title } },
  header: { title: { tag: 'plain_text', content: title }, template },
  body: { elements },
});

/** The case, 1:1 to the school's staff or the bureau (full name), with a button per wordless move. */
export function buildDropoutCaseCard(r: DropoutCaseReading, o: { openId: string; timezone: string; /** A line above the case, already markdown. */ note?: string }): Record<string, unknown> {
  const name = escapeMarkdown(r.student.name);
  const c = r.case;
  const closed = c.closedAt !== null;
  const closedLine = t.cardClosed({
    transferredTo: c.transferredTo ? escapeMarkdown(c.transferredTo) : null,
    exemptReason: c.exemptReason ? escapeMarkdown(c.exemptReason) : null,
  });
  const button = (to: DropoutState) => ({
    tag: 'button',
    text: { tag: 'plain_text', content: t.moveButton(names[to]) },
    type: to === 'returned' ? 'primary' : 'default',
    behaviors: [{ type: 'callback', value: { action: 'dropout_state', open_id: o.openId, case_id: c.id, student_id: r.student.id, from: c.state, to } satisfies DropoutStateValue }],
  });
  return frame(t.cardTitle(name), closed ? 'grey' : c.state === 'suspected' ? 'orange' : 'red', [
    ...(o.note ? [{ tag: 'markdown', content: o.note }] : []),
    {
      tag: 'markdown',
      content: t.cardBody({
        school: escapeMarkdown(r.student.schoolName),
        className: escapeMarkdown(r.student.className),
        state: names[c.state],
        responsible: escapeMarkdown(r.responsibleName),
        reason: escapeMarkdown(c.reason),
        opened: formatLocal(c.openedAt, o.timezone).slice(0, 10),
        days: r.days,
      }),
    },
    ...(closedLine ? [{ tag: 'markdown', content: closedLine }] : []),
    { tag: 'markdown', content: `**${t.cardAttemptsHeader}**` },
    {
      tag: 'markdown',
      content:
        r.attempts.map((a) => t.cardAttempt({ day: a.attemptedOn, method: persuasionMethodNames[a.method], by: escapeMarkdown(a.byName), result: escapeMarkdown(a.result) })).join('\n') ||
        t.cardNoAttempts,
    },
    ...(closed ? [] : [{ tag: 'hr' }, ...r.buttons.map(button), { tag: 'markdown', content: t.cardHint, text_size: 'notation' }]),
  ]);
}

/** `辍学` alone, 1:1: the open cases, full or masked names as listOpenDropouts decided. */
export function buildDropoutListCard(rows: readonly DropoutListRow[]): Record<string, unknown> {
  const lines = rows.map((r) =>
    t.listLine({
      school: escapeMarkdown(r.school),
      name: escapeMarkdown(r.name),
      className: escapeMarkdown(r.className),
      state: names[r.state],
      days: r.days,
      lastAttempt: r.lastAttempt,
    }),
  );
  return frame(t.listTitle, 'red', [{ tag: 'markdown', content: lines.join('\n') || t.listNone }]);
}
