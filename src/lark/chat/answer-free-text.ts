import { exampleReply } from '../../domain/forms/example-reply.js';
import { answerFromText, type TextAnswerOutcome } from '../../domain/responses/answer-from-text.js';
import type { OpenRound } from '../../domain/responses/campaigns-for.js';
import { responseReceipt } from '../../domain/responses/response-receipt.js';
import { larkPresenter } from '../cards/lark-presenter.js';
import { formTexts } from '../../texts/form-texts.js';
import { responseTexts } from '../../texts/response-texts.js';
import { escapeText } from '../cards/escape-markdown.js';
import { buildConfirmAnswerCard } from '../cards/confirm-answer-card.js';
import { buildWhichReportCard } from '../cards/which-report-card.js';
import type { CommandContext, CommandReply } from './command.js';

/**
 * Answers text that reads as a form reply: the receipt, a question when the reply needs one
 * (a number to confirm, a report to place; 1:1, as only they can answer), or what to do when no
 * round takes it. Undefined when the text is not an answer at all (the router then shows the
 * help), unless `asked` (the person wrote 填报 first): then they are told how to answer.
 */
export async function answerFreeText(ctx: CommandContext, o: { asked: boolean } = { asked: false }): Promise<CommandReply | undefined> {
  const outcome = await answerFromText(ctx.db, ctx.person, { text: ctx.args, said: ctx.said }, ctx.now, ctx.campaigns);
  switch (outcome.kind) {
    case 'recorded':
    {
      const receipt = larkPresenter.receiptText(responseReceipt(outcome.recorded, ctx.person, ctx.timezone, ctx.inGroup));
      return { text: ctx.othersMentioned ? `${receipt}\n${responseTexts.recordedForSenderOnly(ctx.othersMentioned)}` : receipt };
    }
    case 'confirm':
      return {
        card: buildConfirmAnswerCard({ roundId: outcome.open.round.id, openId: ctx.person.openId, answers: outcome.answers, items: outcome.implausible }),
        privately: true,
      };
    case 'which-report':
      return whichReport(ctx, outcome);
    case 'none':
      if (!outcome.readsAsAnswer && !o.asked) return undefined;
      return howToAnswer(outcome.open);
  }
}

function whichReport(ctx: CommandContext, { reports, text }: Extract<TextAnswerOutcome, { kind: 'which-report' }>): CommandReply {
  const fitting = reports.filter((r) => [...text].length <= r.maxLength);
  const longest = reports.reduce((a, b) => (b.maxLength > a.maxLength ? b : a));
  if (fitting.length === 0) return { text: formTexts.tooLong(escapeText(longest.campaign.title), longest.maxLength, [...text].length), privately: true };
  const card = buildWhichReportCard({
    openId: ctx.person.openId,
    text,
    reports: fitting.map((r) => ({ roundId: r.round.id, period: r.round.period, title: r.campaign.title, field: r.field })),
  });
  return { card, privately: true };
}

function howToAnswer(open: OpenRound[]): CommandReply {
  if (open.length === 0) return { text: responseTexts.noRound };
  return { text: responseTexts.howToAnswer(escapeText(exampleReply(open[0]!.campaign.definition.form.fields))) };
}
