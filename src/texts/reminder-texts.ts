/** What principals and school chats are told about deadlines. */
export const reminderTexts = {
  principalTitle: (period: string) => `${period} 动态监测填报提醒`,
  principalBody: (o: { name: string; school: string; due: string; missing: string[]; expected: number; dueToday: boolean }) =>
    `${o.name}校长您好：${o.school}的本月动态监测${o.dueToday ? '**今天**' : ''}截止（${o.due}），` +
    `全校 ${o.expected} 位老师中还有 **${o.missing.length}** 位未填报：\n${o.missing.join('、')}\n` +
    `点下方按钮，会在学校群里 @ 这几位老师提醒一次（每天最多一次）。`,
  nudgeButton: '在学校群提醒他们',
  nudgeMessage: (mentions: string, due: string) =>
    `${mentions} 各位老师好，本月动态预警监测还没有收到您的填报，请在 ${due} 前 @我 回复，例如「走访5户 电话3户 新增预警1人」，或填写群里的填报卡片。谢谢！`,
  nudged: (n: number) => `已在学校群提醒 ${n} 位老师`,
  alreadyNudgedToday: '今天已经在学校群提醒过了，明天可以再提醒一次',
  everyoneAnswered: '全校老师都已填报，无需提醒',
  notYourSchool: '只有本校校长可以发送这条提醒',
  roundOver: '这一期已结束，无需再提醒',
};
