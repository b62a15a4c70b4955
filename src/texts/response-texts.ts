import type { Shown } from './shown.js';

/** What the bot says about answers to any campaign. */
export const responseTexts = {
  honorific: (role: string) => (role === 'principal' ? '校长' : '老师'),
  receipt: (o: {
    name: Shown;
    honorific: string;
    period: string;
    title: Shown;
    echo: Shown;
    replaced: boolean;
    /** For a correction: each changed field (`电话随访户数 2→3`); empty when it changed nothing. */
    changes: readonly Shown[] | undefined;
    late: boolean;
    due: string;
  }) =>
    (o.changes === undefined
      ? `${o.name}${o.honorific}，已${o.replaced ? '更新' : '收到'}您 ${o.period}「${o.title}」的填报：${o.echo}。`
      : `${o.name}${o.honorific}，已更新您 ${o.period}「${o.title}」的填报` +
        (o.changes.length > 0 ? `，改动：${o.changes.join('，')}。` : `，内容与上次相同。`) +
        `现在是：${o.echo}。`) +
    (o.late ? `（截止时间 ${o.due} 已过，本次记为逾期填报）` : `如需修改，在 ${o.due} 前重新发送即可。`),
  /** After a receipt for a message that @-mentions other people: nothing was stored for them. */
  recordedForSenderOnly: (others: number) =>
    `这条填报只记在您本人名下；消息里 @ 到的${others > 1 ? ` ${others} 位` : ''}同事不会因此被记为已填报，请他们各自 @我 或私聊我填报。`,
  receiptToast: (replaced: boolean) => (replaced ? '已更新填报' : '已收到填报'),
  mine: (o: { period: string; title: Shown; echo: Shown; submittedAt: string; late: boolean; revisions: number }) =>
    `${o.period}「${o.title}」（${o.submittedAt}${o.late ? '，逾期' : ''}${o.revisions ? `，已修改 ${o.revisions} 次` : ''}）：${o.echo}`,
  owes: (period: string, title: Shown, due: string, example: Shown) =>
    `您还没有填报 ${period}「${title}」，截止 ${due}。${example ? `回复例如「${example}」即可。` : '请在卡片中填写。'}`,
  mineHeader: '您本期的填报：',
  noRound: '当前没有进行中的填报，填报开始后会通知您。',
  howToAnswer: (example: Shown) => `请这样填报：${example}`,
  roundClosed: '这一期填报已结束（新一期已开始），请在最新一期的卡片中填报。',
  notYours: (title: string) => `「${title}」不需要您填报；发「帮助」查看可用的命令。`,
  masked: (fields: readonly { label: string; ids: number; mobiles: number }[]) =>
    `为保护学生和家长的隐私，${fields
      .map((f) => `「${f.label}」中的${[f.ids ? `身份证号 ${f.ids} 个` : '', f.mobiles ? `手机号 ${f.mobiles} 个` : ''].filter(Boolean).join('、')}`)
      .join('，')}已打码保存（如 110101＊＊＊＊＊＊＊＊1234、138＊＊＊＊5678）。填报里请不要写这些号码。`,
  whichReportTitle: '这是哪一项填报？',
  whichReportBody: (n: number) =>
    n > 1 ? '您发的这段文字没有写明是哪一项。请点选它要作为哪一项填报：' : '您发的这段文字没有写明是哪一项。要把它作为下面这项填报吗？',
  whichReportButton: (period: string, title: string) => `${period}「${title}」`,
  whichReportNone: '都不是，不保存',
  whichReportSaved: (period: string, title: Shown) => `已作为 ${period}「${title}」保存，回执已私聊发您。`,
  whichReportDropped: '好的，这段文字没有保存。',
  whichReportNotYours: '这张卡片是发给填报人本人的。',
  onlyRespondents: '填报由各校教师和校长完成；发「帮助」查看可用的命令。',
};
