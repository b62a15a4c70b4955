import type { CardAction } from './card-action.js';
import { answerAsAction } from './answer-as-action.js';
import { answerFromRecordsAction } from './answer-from-records-action.js';
import { openVisitFormAction, visitFormAction } from './visit-form-action.js';
import { chooseStudentAction } from './choose-student-action.js';
import { confirmAnswerAction } from './confirm-answer-action.js';
import { dailyCheckAction } from './daily-check-action.js';
import { dropoutStateAction } from './dropout-state-action.js';
import { nudgeAction } from './nudge-action.js';
import { openReportAction } from './open-report-action.js';
import { checkInAction, respondAction } from './respond-action.js';
import { summaryPageAction } from './summary-page-action.js';
import { bulletinPageAction } from './bulletin-page-action.js';
import { rankingPageAction, rankingWhyAction } from './ranking-actions.js';
import { inspectionFormAction } from './inspection-form-action.js';
import { inspectionRectifyAction } from './inspection-rectify-action.js';
import { fileEvidenceAction } from './file-evidence-action.js';
import { reviewEvidenceAction } from './review-evidence-action.js';
import { reviewPageAction } from './review-page-action.js';
import { viewEvidenceAction } from './view-evidence-action.js';
import { noticeAckAction } from './notice-ack-action.js';
import { noticeStatusPageAction } from './notice-status-page-action.js';

/** Every button and form on the bot's cards, by the `action` its value names. */
export const cardActions: readonly CardAction[] = [respondAction, checkInAction, nudgeAction, confirmAnswerAction, answerAsAction, chooseStudentAction, answerFromRecordsAction, openVisitFormAction, visitFormAction, dailyCheckAction, dropoutStateAction, summaryPageAction, bulletinPageAction, rankingPageAction, rankingWhyAction, openReportAction, inspectionFormAction, inspectionRectifyAction, fileEvidenceAction, reviewPageAction, reviewEvidenceAction, viewEvidenceAction, noticeAckAction, noticeStatusPageAction, bindChatAction, addTeacherAction];
import { bindChatAction } from './bind-chat-action.js';
import { addTeacherAction } from './add-teacher-action.js';

/** Every button and form on the bot's cards, by the `action` its value names. */

/** The action a button's value asks for, with the value as its schema read it; undefined if it is not one of ours. */
export function matchCardAction(raw: unknown): { action: CardAction; value: unknown } | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const name = (raw as { action?: unknown }).action;
  const action = cardActions.find((a) => a.name === name);
  const parsed = action?.schema.safeParse(raw);
  return action && parsed?.success ? { action, value: parsed.data } : undefined;
}
