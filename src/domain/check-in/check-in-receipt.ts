import type { Person } from '../../db/queries/people.js';
import { checkInTexts } from '../../texts/check-in-texts.js';
import { formatLocal } from '../time/zoned-time.js';
import type { RecordedCheckIn } from './record-check-in.js';

/** The receipt echoes every stored field, so a teacher sees exactly what the bureau will see. */
export function checkInReceiptText(recorded: RecordedCheckIn, person: Person, timezone: string, inGroup: boolean): string {
  return checkInTexts.receipt({
    name: person.name,
    period: recorded.round.period,
    values: recorded.checkIn,
    replaced: recorded.replaced,
    late: recorded.checkIn.late,
    due: formatLocal(recorded.round.dueAt, timezone),
    inGroup,
  });
}
