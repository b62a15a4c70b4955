import { z } from 'zod';
import { enqueueMessages, outboxKey } from '../../db/queries/outbox.js';
import { readPrincipalReport } from '../../domain/reports/read-principal-report.js';
import { reportTexts } from '../../texts/report-texts.js';
import { buildReportTextCard } from '../cards/report-text-card.js';
import { defineCardAction, rowId, toast } from './card-action.js';

/**
 * 「查看报告」 on the bureau's summary of a principals' campaign: the school principal's report
 * for the round goes 1:1 to whoever clicked, never into the chat the summary is in. Only the
 * bureau and admins read principals' reports this way.
 */
export const openReportAction = defineCardAction({
  name: 'open_report',
  schema: z.object({ round_id: rowId, school_id: rowId }),
  async run({ db, person, value, now, timezone, event }) {
    if (person.role !== 'bureau' && person.role !== 'admin') return toast('error', reportTexts.onlyBureau);
    const view = await readPrincipalReport(db, { roundId: value.round_id, schoolId: value.school_id, now });
    await enqueueMessages(db, now, [
      {
        key: outboxKey('report-text', event.event_id),
        kind: 'report-text',
        to: { openId: person.openId },
        msgType: 'interactive',
        content: buildReportTextCard(view, timezone),
        notBefore: now,
      },
    ]);
    return toast('success', reportTexts.sent);
  },
});
