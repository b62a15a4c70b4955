import type { Shown } from './shown.js';

type Mode = 'group' | 'direct' | 'both';

/** What 「提醒方式」 says: how a school's teachers are reminded on the deadline morning. */
export const reminderModeTexts = {
  modeNames: { group: '群', direct: '私聊', both: '都' } as Record<Mode, string>,
  /** What each mode does, in the words a principal decides by. */
  modeMeaning: {
    group: '老师不单独收到私聊提醒；校长点提醒卡片上的按钮时，在学校群里 @ 未填报的老师',
    direct: '截止当天上午私聊提醒每位未填报的老师一次；校长点提醒卡片上的按钮时也改为私聊提醒，不在群里点名',
    both: '截止当天上午私聊提醒每位未填报的老师一次；校长点提醒卡片上的按钮时，仍在学校群里 @ 未填报的老师',
  } as Record<Mode, string>,
  current: (school: Shown, mode: Mode, meaning: string) =>
    `${school}的提醒方式：${reminderModeTexts.modeNames[mode]}（${meaning}）。\n` +
    '可改为：提醒方式 群 ｜ 提醒方式 私聊 ｜ 提醒方式 都。每位老师每期最多收到 2 次提醒。',
  changed: (school: Shown, mode: Mode, meaning: string) => `已把${school}的提醒方式改为「${reminderModeTexts.modeNames[mode]}」：${meaning}。`,
  unchanged: (school: Shown, mode: Mode) => `${school}的提醒方式本来就是「${reminderModeTexts.modeNames[mode]}」，没有改动。`,
  usage: '请这样设置：提醒方式 群（或 私聊、都）；只发「提醒方式」查看本校当前设置。管理员请写学校名，如「提醒方式 私聊 某某小学」。',
  askPrivately: '「提醒方式」请私聊我设置，群里不改动。',
  onlyOwnSchool: '校长只能设置本校的提醒方式。',
  needsSchool: '请写明学校，例如「提醒方式 私聊 某某小学」，或只写学校名查看。',
  unknownSchool: (name: string) => `没有找到学校「${name}」。`,
  ambiguousSchool: (name: string, schools: string[]) => `名字含「${name}」的学校有 ${schools.length} 所：${schools.slice(0, 8).join('、')}${schools.length > 8 ? ' 等' : ''}。请写得更完整一些。`,
};
