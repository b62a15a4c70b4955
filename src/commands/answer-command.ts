import { answerFromText, readTextAnswer } from '../domain/responses/answer-from-text.js';
import type { Db } from '../db/client.js';
import { listActiveCampaigns } from '../db/queries/campaigns.js';
import type { Person } from '../db/queries/people.js';
import { answersFromText } from '../domain/forms/form-answers.js';
import { exampleReply } from '../domain/forms/example-reply.js';
import { answersCampaign, currentRoundsFor } from '../domain/responses/current-rounds.js';
import { responseReceiptText } from '../domain/responses/response-receipt.js';
import { responseTexts } from '../texts/response-texts.js';
import type { Command } from './command.js';

/** A free-text answer to an open campaign; the router also sends here any message that reads as one. */
export const answerCommand: Command = {
  name: '填报',
  aliases: ['上报'],
  usage: '直接回复填报内容，如「走访5户 电话3户 新增预警1人」或「本月安排：…」',
  summary: '填报本期内容（重发即修改）',
  roles: ['teacher', 'principal'],
  async run({ db, person, args, now, timezone, inGroup }) {
    const recorded = await answerFromText(db, person, args, now);
    if (recorded) return { text: responseReceiptText(recorded, person, timezone, inGroup) };
    const open = await currentRoundsFor(db, person, now);
    if (open.length === 0) return { text: responseTexts.noRound };
    return { text: `请这样填报：${exampleReply(open[0]!.campaign.definition.form.fields)}` };
  },
};

/**
 * True when the text reads as an answer to one of the person's campaigns (even with a value to
 * fix, or with no round open: then they are told so rather than shown the help).
 */
export async function readsAsAnswer(db: Db, person: Person, text: string, now: Date): Promise<boolean> {
  if ((await readTextAnswer(db, person, text, now)) !== undefined) return true;
  const theirs = (await listActiveCampaigns(db)).filter((c) => answersCampaign(person, c));
  return theirs.some((c) => {
    try {
      return answersFromText(c.definition.form.fields, text) !== null;
    } catch {
      return true;
    }
  });
}
