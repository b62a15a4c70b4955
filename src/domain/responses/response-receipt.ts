import type { Person } from '../../db/queries/people.js';
import { responseTexts } from '../../texts/response-texts.js';
import { describeChanges, echoAnswers } from '../forms/echo-answers.js';
import type { ReceiptContent } from '../messages/message-presenter.js';
import { formatLocal } from '../time/zoned-time.js';
import type { RecordedResponse } from './record-response.js';

/**
 * The receipt echoes every stored field, so a person sees exactly what the bureau will see; a
 * correction first says what it changed (电话随访户数 2→3). The presenter's receiptText words it
 * (escaping the name, the title and the notes echoed).
 */
export function responseReceipt(recorded: RecordedResponse, person: Person, timezone: string, inGroup: boolean): ReceiptContent {
  const { campaign, round, response } = recorded;
  return {
    name: person.name,
    honorific: responseTexts.honorific(person.role),
    period: round.period,
    title: campaign.title,
    echo: echoAnswers(campaign.definition.form.fields, response.answers, { inGroup }),
    replaced: recorded.previous !== undefined,
    changes: recorded.previous ? describeChanges(campaign.definition.form.fields, recorded.previous, response.answers, { inGroup }) : undefined,
    late: response.late,
    due: formatLocal(round.dueAt, timezone),
    masked: recorded.masked,
  };
}
