import type { Shown } from './shown.js';

/** What principals and school chats are told about deadlines. */
export const reminderTexts = {
  principalTitle: (period: string, title: string) => `${period}「${title}」填报提醒`,
  principalBody: (o: { name: Shown; title: Shown; school: Shown; due: string; missing: Shown[]; expected: number; dueToday: boolean; direct?: boolean }) =>
    `${o.name}校长您好：${o.school}的「${o.title}」${o.dueToday ? '**今天**' : ''}截止（${o.due}），` +
    `全校 ${o.expected} 位老师中还有 **${o.missing.length}** 位未填报：\n${o.missing.join('、')}\n` +
    (o.direct ? '点下方按钮，会私聊提醒这几位老师一次，不在群里点名（每天最多一次）。' : `点下方按钮，会在学校群里 @ 这几位老师提醒一次（每天最多一次）。`),
  nudgeButton: '在学校群提醒他们',
  /** The button when the school's 提醒方式 is 私聊. */
  nudgeButtonDirect: '私聊提醒他们',
  respondent: (name: Shown, honorific: string, period: string, title: Shown, due: string) =>
    `${name}${honorific}您好，${period}「${title}」还没有收到您的填报，截止 ${due}。可直接回复我，或填写之前收到的卡片。`,
  /** A teacher's 1:1 reminder (提醒方式 私聊 or 都): how to answer right here. */
  respondentWithExample: (name: Shown, honorific: string, period: string, title: Shown, due: string, example: Shown, pastDue: boolean) =>
    `${name}${honorific}您好，${period}「${title}」还没有收到您的填报，` +
    (pastDue ? `截止时间 ${due} 已过，请尽快补报。` : `截止 ${due}。`) +
    (example ? `直接回复我一句话即可，例如「${example}」；` : '') +
    `也可以填写学校群里的填报卡片，或点对话框下方菜单里的「填报」。`,
  nudgedDirect: (n: number) => `已私聊提醒 ${n} 位老师`,
  nudgedDirectSkipping: (n: number, skipped: string[]) => `已私聊提醒 ${n} 位老师；${skipped.join('、')} 本期提醒已达上限，未再提醒`,
  alreadyNudgedDirectToday: '今天已经私聊提醒过了，明天可以再提醒一次',
  nudgeMessage: (mentions: string, title: Shown, due: string, example: Shown, pastDue: boolean) =>
    `${mentions} 各位老师好，「${title}」还没有收到您的填报，` +
    (pastDue ? `截止时间 ${due} 已过，请尽快补报：` : `请在 ${due} 前`) +
    (example ? ` @我 回复，例如「${example}」，或` : '') +
    `填写群里的填报卡片。谢谢！`,
  nudged: (n: number) => `已在学校群提醒 ${n} 位老师`,
  budgetExhausted: (names: string[]) => `${names.join('、')} 本期已收到 2 次提醒（上限），为减轻老师负担，不再提醒`,
  nudgedSkipping: (n: number, skipped: string[]) => `已在学校群提醒 ${n} 位老师；${skipped.join('、')} 本期提醒已达上限，未再提醒`,
  alreadyNudgedToday: '今天已经在学校群提醒过了，明天可以再提醒一次',
  everyoneAnswered: '全校老师都已填报，无需提醒',
  notYourSchool: '只有本校校长可以发送这条提醒',
  roundOver: '这一期已结束，无需再提醒',
};
