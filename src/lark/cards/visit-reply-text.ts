import type { RecordedVisit } from '../../domain/register/record-visit.js';
import { maskStudentName } from '../../domain/students/mask-name.js';
import type { ParsedVisit } from '../../domain/visits/parse-visit-text.js';
import type { AidCheckOutcome } from '../../domain/register/follow-up-aid-check.js';
import { aidTexts } from '../../texts/aid-texts.js';
import { alertLevelNames, studentTexts as t, visitModeNames } from '../../texts/student-texts.js';
import { aidStatusNames, eligibilityNames } from '../../texts/visit-texts.js';
import { escapeText } from './escape-markdown.js';

/**
 * What the teacher is told of a recorded visit: in a group chat the child's masked name and the
 * mode, nothing else (never the aid check); 1:1 the name, class, day, what the register did and the aid check.
 */
export function visitReplyText(r: RecordedVisit, parsed: Pick<ParsedVisit, 'masked'>, o: { inGroup: boolean; today: string }): string {
  if (o.inGroup) return t.visitRecordedInGroup(maskStudentName(r.student.name), visitModeNames[r.visit.mode]);
  const line = t.visitRecorded({
    name: escapeText(r.student.name),
    className: escapeText(r.student.className),
    day: r.visit.visitedOn === o.today ? '今天' : `${r.visit.visitedOn} `,
    mode: visitModeNames[r.visit.mode],
  });
  const register =
    r.levelAfter !== r.levelBefore
      ? t.visitRaised(alertLevelNames[r.levelAfter], r.principalsTold)
      : r.levelAfter === 'normal'
        ? ''
        : t.visitKeptLevel(alertLevelNames[r.levelAfter]);
  const ids = parsed.masked.reduce((n, m) => n + m.ids, 0);
  const mobiles = parsed.masked.reduce((n, m) => n + m.mobiles, 0);
  const aid = r.aidCheck ? [aidCheckLine(r.aidCheck)] : [];
  return [`${line}${register}`, ...aid, ...(ids + mobiles > 0 ? [t.visitMasked(ids, mobiles)] : [])].join('\n');
}

function aidCheckLine(c: AidCheckOutcome): string {
  if (!c.aided) return aidTexts.receiptNotAided;
  const aid = c.aidStatus ? aidStatusNames[c.aidStatus] : aidTexts.notWritten;
  const eligibility = c.eligibility ? eligibilityNames[c.eligibility] : aidTexts.notWritten;
  const found = !c.mismatch
    ? c.complete
      ? [aidTexts.receiptChecked(aid, eligibility)]
      : []
    : [c.opened ? aidTexts.receiptMismatch(aid, eligibility, c.principalsTold) : aidTexts.receiptStillOpen(aid, eligibility)];
  return [...found, ...(c.complete ? [] : [aidTexts.receiptIncomplete])].join('\n');
}
