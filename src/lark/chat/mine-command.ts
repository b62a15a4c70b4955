import { findResponse } from '../../db/queries/responses.js';
import { prefillFields, recordedAnything, recordedWorkIn } from '../../domain/register/recorded-work.js';
import { studentTexts } from '../../texts/student-texts.js';
import { echoAnswers } from '../../domain/forms/echo-answers.js';
import { exampleReply } from '../../domain/forms/example-reply.js';
import { campaignsFor } from '../../domain/responses/campaigns-for.js';
import { formatLocal } from '../../domain/time/zoned-time.js';
import { responseTexts } from '../../texts/response-texts.js';
import { escapeText } from '../cards/escape-markdown.js';
import type { Command } from './command.js';

export const mineCommand: Command = {
  name: '我的',
  aliases: ['mine', '我的填报', '查询'],
  usage: '我的',
  summary: '查看自己本期的填报，或还欠哪些',
  roles: ['teacher', 'principal'],
  async run({ db, person, timezone, inGroup, campaigns }) {
    const { open } = campaignsFor(person, campaigns);
    if (open.length === 0) return { text: responseTexts.noRound };
    const lines = await Promise.all(
      open.map(async ({ campaign, round }) => {
        const stored = await findResponse(db, round.id, person.id);
        const fields = campaign.definition.form.fields;
        // Collect once: what the teacher recorded visit by visit this month, offered for the counts.
        const work = prefillFields(campaign).length > 0 ? await recordedWorkIn(db, person.id, round, timezone) : undefined;
        const recorded = work && recordedAnything(work) ? studentTexts.recordedThisMonth(work) : undefined;
        if (!stored) {
          const owes = responseTexts.owes(round.period, escapeText(campaign.title), formatLocal(round.dueAt, timezone), escapeText(exampleReply(fields)));
          return recorded ? `${owes}\n${recorded}。${studentTexts.confirmRecordsHint}` : owes;
        }
        const mine = responseTexts.mine({
          period: round.period,
          title: escapeText(campaign.title),
          echo: escapeText(echoAnswers(fields, stored.answers, { inGroup })),
          submittedAt: formatLocal(stored.submittedAt, timezone),
          late: stored.late,
          revisions: stored.revisions,
        });
        return recorded ? `${mine}\n${recorded}` : mine;
      }),
    );
    return { text: open.length === 1 ? lines[0]! : [responseTexts.mineHeader, ...lines].join('\n') };
  },
};
