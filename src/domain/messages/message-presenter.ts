import type { Campaign } from '../../db/queries/campaigns.js';

/** What a round's prompt shows: its campaign's form, the deadline, the round the answer goes to. */
export type PromptContent = { campaign: Campaign; period: string; due: string; roundId: number };

/** A principal's reminder naming who still owes, with a way to nudge them in the school chat. */
export type PrincipalReminderContent = {
  period: string;
  campaignTitle: string;
  principalName: string;
  school: string;
  due: string;
  dueToday: boolean;
  expected: number;
  missing: string[];
  roundId: number;
  schoolId: number;
};

/**
 * How the chat shows what a verb decided to send: cards and mentions are the medium's business
 * (lark/cards implements this), so a verb stays free of markup and can be tested with any.
 */
export type MessagePresenter = {
  promptCard(content: PromptContent): Record<string, unknown>;
  principalReminderCard(content: PrincipalReminderContent): Record<string, unknown>;
  /** Names a person so that the chat notifies them. */
  mention(person: { openId: string; name: string }): string;
};
