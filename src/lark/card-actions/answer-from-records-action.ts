import { z } from 'zod';
import { answersFromRecords, recordedWorkIn } from '../../domain/register/recorded-work.js';
import { ensureAudience, recordResponse } from '../../domain/responses/record-response.js';
import { studentTexts as t } from '../../texts/student-texts.js';
import { queueReceiptOfClick, roundNamedByCard } from './answered-by-click.js';
import { defineCardAction, rowIdOrUndefined, toast } from './card-action.js';

/**
 * Collect once: a teacher taps 「按我的家访记录填报」 on the school's prompt, and the counts their own
 * visit records give are stored as their answer (fields the records do not fill, like the note,
 * stay as they were), with the usual 1:1 receipt. Nothing recorded: they are told to count as before.
 */
export const answerFromRecordsAction = defineCardAction({
  name: 'answer_from_records',
  schema: z.object({ round_id: rowIdOrUndefined }),
  async run(ctx) {
    const { db, person, value, now, timezone } = ctx;
    const { round, campaign } = await roundNamedByCard(db, value.round_id);
    ensureAudience(person, campaign);
    const work = await recordedWorkIn(db, person.id, round, timezone);
    const answers = work && answersFromRecords(campaign, work);
    if (!work || !answers) return toast('info', t.nothingRecorded);
    const recorded = await recordResponse(db, now, { person, campaign, answers, mode: 'merge', source: 'card', roundId: round.id });
    await queueReceiptOfClick(ctx, 'records-receipt', recorded);
    return toast('success', t.answeredFromRecords(t.recordedThisMonth(work)));
  },
});
