import type { Campaign } from '../../db/queries/campaigns.js';

/** What a round's prompt shows: its campaign's form, the deadline, the round the answer goes to. */
export type PromptContent = {
  campaign: Campaign;
  period: string;
  due: string;
  roundId: number;
  /** Sent 1:1 (the menu's 填报), not into the school chat: no @我, no warning about the group. */
  privately?: boolean;
};

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
  /** The school's 提醒方式: with 私聊 the button reminds the teachers 1:1 instead of in the chat. */
  reminderMode?: 'group' | 'direct' | 'both';
};

/** The bureau's list of schools still incomplete some workdays after the deadline (落后提醒). */
export type LaggingContent = {
  title: string;
  period: string;
  due: string;
  workdays: number;
  /** The 汇总 command that shows this round. */
  command: string;
  schools: { town: string; school: string; answered: number; expected: number }[];
};

/** The school-chat message @-mentioning the teachers who still owe the round's answer. */
export type NudgeContent = { teachers: { openId: string; name: string }[]; title: string; due: string; example: string; pastDue: boolean };

/**
 * A 1:1 reminder to one person who still owes an answer (principals' campaigns; teachers of a
 * school whose 提醒方式 is 私聊 or 都, on the deadline morning or by the principal's button).
 */
export type RespondentReminderContent = {
  name: string;
  honorific: string;
  period: string;
  title: string;
  due: string;
  /** A one-line answer to copy (走访2户 电话1户 …). */
  example?: string;
  pastDue?: boolean;
};

/** The receipt for a stored answer: its echo of every field, and for a correction what changed. */
export type ReceiptContent = {
  name: string;
  honorific: string;
  period: string;
  title: string;
  echo: string;
  replaced: boolean;
  changes: readonly string[] | undefined;
  late: boolean;
  due: string;
  /** Free-text fields whose ID or mobile numbers were masked: the receipt says so. */
  masked: readonly { label: string; ids: number; mobiles: number }[];
};

/** A principal's 1:1 card the day a visit puts a student of their school on the alert register. */
export type AlertNoticeContent = {
  principalName: string;
  teacherName: string;
  studentName: string;
  className: string;
  level: 'watch' | 'alert';
  risks: readonly string[];
  visitedOn: string;
  mode: 'home' | 'phone' | 'video';
  findings: string;
  measures: string | null;
};

/** A principal's 1:1 card the day a visit finds an aided student's aid or eligibility amiss (精准资助大排查). */
export type AidNoticeContent = {
  principalName: string;
  teacherName: string;
  studentName: string;
  className: string;
  aidKinds: readonly string[];
  visitedOn: string;
  mode: 'home' | 'phone' | 'video';
  aidStatus: 'full' | 'partial' | 'none' | null;
  eligibility: 'eligible' | 'ineligible' | 'unverified' | null;
};

/** The school chat's card in a term's first month: how many aided students to check, and how (counts only). */
export type AidCheckPromptContent = { term: string; aided: number };

/**
 * How the chat shows what a verb decided to send: cards, mentions and the escaping of every name
 * are the medium's business (lark/cards implements this), so a verb hands over raw values, stays
 * free of markup, and cannot forget to escape one.
 */
export type MessagePresenter = {
  promptCard(content: PromptContent): Record<string, unknown>;
  principalReminderCard(content: PrincipalReminderContent): Record<string, unknown>;
  laggingText(content: LaggingContent): string;
  alertNoticeCard(content: AlertNoticeContent): Record<string, unknown>;
  aidNoticeCard(content: AidNoticeContent): Record<string, unknown>;
  aidCheckPromptCard(content: AidCheckPromptContent): Record<string, unknown>;
  nudgeText(content: NudgeContent): string;
  respondentReminderText(content: RespondentReminderContent): string;
  receiptText(content: ReceiptContent): string;
};
