import { exampleReply } from '../../domain/forms/example-reply.js';
import { answerFromText } from '../../domain/responses/answer-from-text.js';
import type { OpenRound } from '../../domain/responses/campaigns-for.js';
import { responseReceiptText } from '../../domain/responses/response-receipt.js';
import { responseTexts } from '../../texts/response-texts.js';
import type { CommandContext, CommandReply } from './command.js';

/**
 * Answers text that reads as a form reply: the receipt, or what to do when no round takes it.
 * Undefined when the text is not an answer at all (the router then shows the help), unless
 * `asked` (the person wrote 填报 first): then they are told how to answer.
 */
export async function answerFreeText(ctx: CommandContext, o: { asked: boolean } = { asked: false }): Promise<CommandReply | undefined> {
  const outcome = await answerFromText(ctx.db, ctx.person, ctx.args, ctx.now, ctx.campaigns);
  if (outcome.recorded) return { text: responseReceiptText(outcome.recorded, ctx.person, ctx.timezone, ctx.inGroup) };
  if (!outcome.readsAsAnswer && !o.asked) return undefined;
  return howToAnswer(outcome.open);
}

function howToAnswer(open: OpenRound[]): CommandReply {
  if (open.length === 0) return { text: responseTexts.noRound };
  return { text: responseTexts.howToAnswer(exampleReply(open[0]!.campaign.definition.form.fields)) };
}
