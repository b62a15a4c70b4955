/** What one school's copy of a notice shows: the card is per school, its 收到 button names the school. */
export type NoticeCardView = {
  noticeId: number;
  schoolId: number;
  text: string;
  senderName: string;
  sentAt: Date;
  fileName: string | null;
  timezone: string;
};

/** Who of the school pressed 收到 first, and when. */
export type NoticeAck = { by: string; at: Date };

/** Notices as the chat shows them (lark/cards/notice-card.ts): the domain decides what, the presenter how. */
export type NoticePresenter = {
  /** The notice with its 收到 button, or, once acknowledged, with who did; `reminder` for the next-workday reminder. */
  noticeCard(view: NoticeCardView, o: { acknowledged: NoticeAck | null; reminder: boolean }): Record<string, unknown>;
};
