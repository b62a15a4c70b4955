import type { Shown } from './shown.js';

/** Replies shared by every feature. */
export const commonTexts = {
  notInRoster: '您还不在督查名单里，请联系本县的管理员把您加入名单后再试。',
  notAllowed: (command: string, roles: string) => `抱歉，「${command}」只对${roles}开放。发「帮助」看看您可以用哪些命令。`,
  roleNames: { teacher: '教师', principal: '校长', bureau: '教体局工作人员', admin: '管理员' } as Record<string, string>,
  notUnderstood: '没看懂这条消息，没有记录任何内容。',
  unsupportedMessage: '目前只能识别文字消息。发「帮助」查看可以怎么用。',
  somethingWrong: '抱歉，处理您的消息时出了点问题，请稍后再试。',
  helpHeader: (name: Shown) => `${name}，您好！可以这样使用督查助手：`,
  helpExamplesHeader: '直接发文字即可填报，例如：',
  helpExample: (title: Shown, example: Shown) => `• 「${title}」：${example}`,
  helpFooter: '在群里使用时请先 @我。',
  notYourSchoolChat: '这里不是您学校的群，这条消息没有记录。请在本校群 @我 或私聊我填报、查询。',
};

/** What a click on a card is answered with when it does nothing. */
export const cardActionTexts = {
  alreadyHandled: '已处理',
  expired: '这个按钮已失效',
  notYourCard: '这张卡片不是督查助手发给您的，没有记录任何内容。请使用督查助手私聊或在本校群里发给您的卡片。',
};
