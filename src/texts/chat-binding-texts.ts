import type { Shown } from './shown.js';

/** Chats that bind themselves: the bot added to a group asks whose chat it is; removal is flagged to the admins. */
export const chatBindingTexts = {
  // The card in a group the bot was just added to (or that someone asked to bind with 「绑定」).
  offerTitle: '这是哪个学校的群？',
  offerIntro: (name: Shown) => `${name}，谢谢把我加进群！请确认这是哪个学校的群：确认后，学校的填报提示和提醒就发到这里。`,
  offerCurrent: (place: Shown) => `本群现在是「${place}」的群；只有管理员可以改绑。`,
  offerCurrentRemoved: (place: Shown) => `本群曾是「${place}」的群（我被移出过），请重新确认。`,
  offerMore: (shown: number, total: number) => `共 ${total} 个选项，这里列出前 ${shown} 个；请在群里 @我 发「绑定 学校名或镇街」缩小范围。`,
  placeLabel: '学校',
  placePlaceholder: '选择学校或教育局群',
  bureauPlace: '教育局群',
  confirm: '确认',
  /** A button's plain_text: the name as it is. */
  confirmSchool: (school: string) => `确认：这是「${school}」的群`,
  confirmBureau: '确认：这是教育局群',
  noPlaceFound: (words: Shown) => `没有找到与「${words}」相符的学校或镇街。发「绑定」看全部。`,
  /** To a teacher or someone not in the roster who added the bot (a text message in the chat). */
  notEligible:
    '谢谢把我加进群！只有本校校长、教体局工作人员或管理员可以确认这是哪个学校的群：请他们在群里 @我 发「绑定」。确认之前，我不会在这里发任何提示。',
  askInGroup: '请在要绑定的群里 @我 发「绑定」（私聊里没有群可以绑定）。',
  // The card's answers.
  boundSchool: (place: Shown) => `本群已绑定为「${place}」的群：填报提示和提醒将发到这里。`,
  boundBureau: '本群已绑定为教育局群：落后提醒、季度通报等将发到这里。',
  rebound: (previous: Shown) => `（原先绑定的「${previous}」已解除，该校的消息改为私聊发给校长，直到重新绑定。）`,
  boundTitle: '群已绑定',
  pickNothing: '请先选择学校或教育局群。',
  wrongChat: '这张卡片不是发在这个群里的，没有绑定。',
  notYourPlace: '您只能把群绑定为本校的群（教体局工作人员：教育局群）。',
  notABinder: '只有本校校长、教体局工作人员或管理员可以绑定群。',
  /** Refusals (toasts, or a text reply escaped whole) take names as they are. */
  chatBoundElsewhere: (place: string) => `本群已是「${place}」的群，只有管理员可以改绑。`,
  schoolHasChat: (school: string) => `「${school}」已绑定了另一个群，只有管理员可以改绑。`,
  unknownSchool: '这所学校已不在名册中。',
  // Removal, flagged to the admins 1:1.
  someone: '有人',
  removedFromSchool: (o: { who: Shown; place: Shown; chat: Shown; principals: Shown }) =>
    `【群提醒】督查助手被${o.who}移出了「${o.place}」的群（${o.chat}）。在重新绑定之前，该校的填报提示和提醒改为私聊发给校长${o.principals}。把督查助手重新加入该校的群并确认，即可恢复。`,
  removedFromBureau: (o: { who: Shown; chat: Shown }) =>
    `【群提醒】督查助手被${o.who}移出了教育局群（${o.chat}）。重新把督查助手加入教育局群并确认，即可恢复。`,
  noPrincipal: '（该校没有在册的校长）',
  /** After a principal's nudge toast, while the school has no usable chat. */
  nudgedPrivately: (n: number) => `学校群暂不可用：提醒 ${n} 位老师的消息已私聊发给您，请转发给他们`,
  // 群成员: members of a school's chat the roster lacks.
  bindUsage: '绑定 [学校名或镇街]',
  bindSummary: '在群里 @我 发送：确认这是哪个学校的群（校长、教体局、管理员）',
  membersUsage: '群成员 学校名',
  membersSummary: '列出学校群里不在名册中的成员，可一键添加为老师（管理员，私聊）',
  membersAskPrivately: '「群成员」会列出姓名，请私聊我发送。',
  membersNeedSchool: '请写上学校名，例如「群成员 横渠中心小学」。',
  membersNoChat: (school: Shown) => `「${school}」还没有可用的群：把督查助手加入该校的群并确认后再查。`,
  membersAllKnown: (school: Shown, total: number) => `「${school}」群里的 ${total} 位成员都在名册中。`,
  /** A card header's plain_text: shown as it is. */
  membersTitle: (school: string) => `「${school}」群里不在名册中的成员`,
  membersIntro: (count: number, total: number) => `群里共 ${total} 人，其中 ${count} 人不在名册中：`,
  membersTruncated: (shown: number) => `只列出前 ${shown} 人；添加后再发一次「群成员」查看其余的人。`,
  /** A button's plain_text: the name as Lark gives it. */
  addAsTeacher: (name: string) => `添加 ${name} 为老师`,
  membersUnavailable: '暂时读不到这个群的成员（飞书没有回应），请稍后再试。',
  // 添加为老师.
  addedTeacher: (name: Shown, school: Shown) => `已把 ${name} 添加为「${school}」的老师。`,
  alreadyInRoster: (name: Shown) => `${name} 已在名册中，没有改动。`,
  nameWithMarkup: '这个飞书名字含有 <、> 或链接，不能直接加入名册，请用名册文件导入。',
  onlyAdmins: '只有管理员可以添加人员。',
  // The audit rows (what was done, in an auditor's words).
  auditBoundSchool: (chat: string, place: string) => `群 ${chat} 绑定为「${place}」的群`,
  auditBoundBureau: (chat: string) => `群 ${chat} 绑定为教育局群`,
  auditAddedTeacher: (name: string, openId: string, school: string) => `从群成员添加老师 ${name}（${openId}）到「${school}」`,
};
