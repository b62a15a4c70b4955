import { exampleReply } from '../../domain/forms/example-reply.js';
import { answerFromText } from '../../domain/responses/answer-from-text.js';
import type { OpenRound } from '../../domain/responses/campaigns-for.js';
import { responseReceiptText } from '../../domain/responses/response-receipt.js';
import { responseTexts } from '../../texts/response-texts.js';
import type { Command, CommandContext, CommandReply } from './command.js';

/**
 * Answers text that reads as a form reply: the receipt, or what to do when no round takes it.
 * Undefined when the text is not an answer at all (the router then shows the help).
 */
export async function answerFreeText(ctx: CommandContext): Promise<CommandReply | undefined> {
  const outcome = await answerFromText(ctx.db, ctx.person, ctx.args, ctx.now, ctx.campaigns);
  if (outcome.recorded) return { text: responseReceiptText(outcome.recorded, ctx.person, ctx.timezone, ctx.inGroup) };
  if (!outcome.readsAsAnswer) return undefined;
  return howToAnswer(outcome.open);
}

function howToAnswer(open: OpenRound[]): CommandReply {
  if (open.length === 0) return { text: responseTexts.noRound };
  return { text: `请这样填报：${exampleReply(open[0]!.campaign.definition.form.fields)}` };
}

/** `填报 …` written out; the router sends any message that reads as an answer the same way. */
export const answerCommand: Command = {
  name: '填报',
  aliases: ['上报'],
  usage: '直接回复填报内容，如「走访5户 电话3户 新增预警1人」或「本月安排：…」',
  summary: '填报本期内容（重发即修改）',
  roles: ['teacher', 'principal'],
  async run(ctx) {
    const outcome = await answerFromText(ctx.db, ctx.person, ctx.args, ctx.now, ctx.campaigns);
    if (outcome.recorded) return { text: responseReceiptText(outcome.recorded, ctx.person, ctx.timezone, ctx.inGroup) };
    return howToAnswer(outcome.open);
  },
};
