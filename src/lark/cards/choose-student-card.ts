import type { StudentWithSchool } from '../../db/queries/students.js';
import { maskStudentName } from '../../domain/students/mask-name.js';
import { studentTexts as t } from '../../texts/student-texts.js';

/**
 * What the chooser's buttons carry back to card-actions/choose-student-action.ts: the command to
 * finish (`家访` with the teacher's own text, or `学生`) and the student picked. The card goes 1:1
 * to the person who asked, so their text may ride in the button, and nothing waits half-stored.
 */
/** What the pick finishes: a text visit (`args` the text after 家访), a form visit (`args` the form's values as JSON), or a 学生 lookup. */
export type ChooseFor = 'visit' | 'visit-form' | 'student';

export type ChooseStudentValue =
  /** `args`: what followed the command (the visit to file, or the name asked for); `said`: the message as typed. */
  | { action: 'choose_student'; open_id: string; for: ChooseFor; student_id: number; args: string; said: string }
  | { action: 'choose_student'; open_id: string; cancel: true };

/** Masked names with their class (and school for the bureau), never a guess. */
export function buildChooseStudentCard(o: {
  openId: string;
  for: ChooseFor;
  args: string;
  said: string;
  reason: 'ambiguous' | 'unknown';
  candidates: readonly StudentWithSchool[];
  withSchool: boolean;
}): Record<string, unknown> {
  const button = (label: string, value: ChooseStudentValue, primary: boolean) => ({
    tag: 'button',
    text: { tag: 'plain_text', content: label },
    type: primary ? 'primary' : 'default',
    width: 'fill',
    behaviors: [{ type: 'callback', value }],
  });
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: t.chooseTitle } },
    header: { title: { tag: 'plain_text', content: t.chooseTitle }, template: 'blue' },
    body: {
      elements: [
        { tag: 'markdown', content: o.reason === 'ambiguous' ? t.chooseAmbiguous(o.candidates.length) : t.chooseUnknown },
        ...o.candidates.map((s) =>
          button(
            `${maskStudentName(s.name)} ${o.withSchool ? `${s.schoolName} ` : ''}${s.className}`,
            { action: 'choose_student', open_id: o.openId, for: o.for, student_id: s.id, args: o.args, said: o.said },
            true,
          ),
        ),
        button(t.chooseNone, { action: 'choose_student', open_id: o.openId, cancel: true }, false),
      ],
    },
  };
}

/** A chooser or form once done: its buttons give way to what happened (a chat reply's text). */
export function buildChosenCard(outcome: string, title: string = t.chooseTitle): Record<string, unknown> {
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: title } },
    header: { title: { tag: 'plain_text', content: title }, template: 'grey' },
    // Plain text: the outcome is a chat reply (escaped for a text message), not markdown.
    body: { elements: [{ tag: 'div', text: { tag: 'plain_text', content: outcome } }] },
  };
}
