import { responseTexts } from '../../texts/response-texts.js';

/**
 * A button's value on the which-report card: what card-actions/answer-as-action.ts reads back.
 * The text rides in the button (the card goes 1:1), so nothing waits half-stored.
 */
export type AnswerAsValue =
  | { action: 'answer_as'; open_id: string; round_id: number; field: string; text: string }
  | { action: 'answer_as'; open_id: string; cancel: true };

export type WhichReportContent = {
  openId: string;
  text: string;
  reports: readonly { roundId: number; period: string; title: string; field: string }[];
};

const PREVIEW = 60;

/** "您发的这段内容是哪一项填报？" with a button per open report and 都不是. */
export function buildWhichReportCard(o: WhichReportContent): Record<string, unknown> {
  const button = (label: string, value: AnswerAsValue, primary: boolean) => ({
    tag: 'button',
    text: { tag: 'plain_text', content: label },
    type: primary ? 'primary' : 'default',
    behaviors: [{ type: 'callback', value }],
  });
  const chars = [...o.text];
  const preview = chars.length > PREVIEW ? `${chars.slice(0, PREVIEW).join('')}…` : o.text;
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: responseTexts.whichReportTitle } },
    header: { title: { tag: 'plain_text', content: responseTexts.whichReportTitle }, template: 'blue' },
    body: {
      elements: [
        { tag: 'markdown', content: responseTexts.whichReportBody(o.reports.length) },
        { tag: 'div', text: { tag: 'plain_text', content: preview } },
        ...o.reports.map((r) =>
          button(responseTexts.whichReportButton(r.period, r.title), { action: 'answer_as', open_id: o.openId, round_id: r.roundId, field: r.field, text: o.text }, true),
        ),
        button(responseTexts.whichReportNone, { action: 'answer_as', open_id: o.openId, cancel: true }, false),
      ],
    },
  };
}

/** The card once answered: the buttons give way to what happened. */
export function buildWhichReportDoneCard(outcome: string): Record<string, unknown> {
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: responseTexts.whichReportTitle } },
    header: { title: { tag: 'plain_text', content: responseTexts.whichReportTitle }, template: 'grey' },
    body: { elements: [{ tag: 'markdown', content: outcome }] },
  };
}
