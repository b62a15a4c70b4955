import type { AlertLevel } from '../../db/schema/students.js';

/** One student on a mentor's card: unanswered (buttons), or what was recorded. */
export type DailyCheckCardLine = { id: number; studentName: string; className: string; answer: 'ok' | 'concern' | null; note: string | null };

/** A mentor's 1:1 card of the day: every student they mentor, with one-tap answers (full names: 1:1 only). */
export type DailyCheckCardContent = { mentorName: string; day: string; checks: readonly DailyCheckCardLine[] };

/** The principal's 1:1 notice that a mentor answered 需关注 for a child of their school. */
export type ConcernNoticeContent = {
  principalName: string;
  teacherName: string;
  studentName: string;
  className: string;
  day: string;
  note: string | null;
  level: AlertLevel;
};

/** How the chat shows 每天一问 (lark/cards/daily-check-presenter.ts implements it). */
export type DailyCheckPresenter = {
  dailyCheckCard(content: DailyCheckCardContent): Record<string, unknown>;
  concernNoticeCard(content: ConcernNoticeContent): Record<string, unknown>;
};
