import type { MessagePresenter } from '../../domain/messages/message-presenter.js';
import { mentionPerson } from './mention.js';
import { buildPromptCard } from './prompt-card.js';
import { buildPrincipalReminderCard } from './reminder-card.js';

/** The domain's messages as Lark shows them: cards JSON 2.0 and `<at>` mentions. */
export const larkPresenter: MessagePresenter = {
  promptCard: buildPromptCard,
  principalReminderCard: buildPrincipalReminderCard,
  mention: mentionPerson,
};
