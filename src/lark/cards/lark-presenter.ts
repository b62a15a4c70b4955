import type { MessagePresenter } from '../../domain/messages/message-presenter.js';
import { buildAidNoticeCard } from './aid-notice-card.js';
import { buildAidPromptCard } from './aid-prompt-card.js';
import { buildAlertNoticeCard } from './alert-notice-card.js';
import { buildPromptCard } from './prompt-card.js';
import { buildPrincipalReminderCard } from './reminder-card.js';
import { buildLaggingText, buildNudgeText, buildReceiptText, buildRespondentReminderText } from './text-messages.js';

/** The domain's messages as Lark shows them: cards JSON 2.0, `<at>` mentions, every name escaped. */
export const larkPresenter: MessagePresenter = {
  promptCard: buildPromptCard,
  principalReminderCard: buildPrincipalReminderCard,
  laggingText: buildLaggingText,
  nudgeText: buildNudgeText,
  respondentReminderText: buildRespondentReminderText,
  receiptText: buildReceiptText,
  alertNoticeCard: buildAlertNoticeCard,
  aidNoticeCard: buildAidNoticeCard,
  aidCheckPromptCard: buildAidPromptCard,
};
