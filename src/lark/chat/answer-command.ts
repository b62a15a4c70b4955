import { answerFreeText } from './answer-free-text.js';
import type { Command } from './command.js';

/** `填报 …` written out; the router sends any message that reads as an answer the same way. */
export const answerCommand: Command = {
  name: '填报',
  aliases: ['上报'],
  usage: '直接回复填报内容（例子见下）',
  summary: '填报本期内容（重发即修改）',
  roles: ['teacher', 'principal'],
  async run(ctx) {
    return (await answerFreeText(ctx, { asked: true }))!;
  },
};
