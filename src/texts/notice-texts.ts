import type { Shown } from './shown.js';

/** 一月一调度: the bureau's notices to schools, their 收到 receipts and the one reminder. */

/** A notice's text, as written (line breaks kept): a card holds it whole, with room to spare. */
export const NOTICE_TEXT_MAX_CHARS = 1000;
/** A notice's file: every school chat and principal gets a copy, so it stays well under Lark's 30 MB. */
export const NOTICE_FILE_MAX_MB = 10;

export const noticeTexts = {
  usage: '通知 全部|镇街|学校[、学校…] 通知内容',
  commandSummary: `一月一调度（仅私聊）：向学校群和校长私聊下发通知，学校点「收到」确认，次个工作日上午提醒未确认的学校；「通知 状态」看确认情况。带文件：先私聊发文件，再回复那条文件消息「通知 …」（文件不超过 ${NOTICE_FILE_MAX_MB} MB）`,
  askPrivately: '通知只在私聊中下发和查看，请私聊我发送「通知 全部 通知内容」或「通知 状态」。',
  teacherRefusal: '通知由教体局下发。收到通知后，点卡片上的「收到」即可确认。',
  principalRefusal: '通知由教体局下发，会发到学校群和您的私聊。点卡片上的「收到」即可替学校确认。',
  howTo:
    `下发通知：「通知 全部 通知内容」，或写镇街、学校名（多个用「、」隔开），例如「通知 横渠镇、槐芽镇中心小学 请于周五前报送安全排查表」。通知内容不超过 ${NOTICE_TEXT_MAX_CHARS} 字。\n` +
    `带文件（方案、文件）：先私聊发给我文件，再回复那条文件消息「通知 …」；文件不超过 ${NOTICE_FILE_MAX_MB} MB。\n` +
    '查看确认情况：「通知 状态」，或「通知 状态 编号」。',
  needText: (scope: string) => `请写上通知内容，例如「通知 ${scope} 请于周五前报送安全排查表」。没有发送任何通知。`,
  tooLong: (length: number) => `通知内容有 ${length} 字，超过 ${NOTICE_TEXT_MAX_CHARS} 字的上限。请精简，或把全文作为文件随通知下发。没有发送任何通知。`,
  unknownPlaces: (names: string[], towns: string) => `没有找到：${names.map((n) => `「${n}」`).join('、')}。可写「全部」、镇街名（${towns}）或学校名，多个用「、」隔开。没有发送任何通知。`,
  placeInText: (word: string) => `通知内容以「${word}」开头，它是镇街或学校名。多个范围请用「、」连写（如「通知 横渠镇、${word} 通知内容」）；确实以此开头的，请在范围后写「：」再写内容。没有发送任何通知。`,
  ambiguousPlace: (word: string, names: string[]) => `「${word}」对应多处：${names.slice(0, 8).join('、')}${names.length > 8 ? ' 等' : ''}。请写完整的名字。没有发送任何通知。`,
  noSchools: '所选范围内没有学校，没有发送任何通知。',
  everyone: '全部学校',
  /** What the sender is told, 1:1, once the notice is queued. */
  sent: (o: { id: number; schools: number; chats: number; principals: number; file: Shown | null; at: string | null; remindAt: string; childrenHidden: number }) =>
    [
      `通知 #${o.id} 已下发到 ${o.schools} 所学校（学校群 ${o.chats} 个，校长私聊 ${o.principals} 人）${o.file ? `，附文件「${o.file}」` : ''}。`,
      ...(o.childrenHidden > 0 ? [`通知会发到学校群，文中 ${o.childrenHidden} 处学生姓名、学号或身份证号已隐去（如 张*明）。`] : []),
      ...(o.at ? [`现在不在发送时段，将于 ${o.at} 发出。`] : []),
      `${o.remindAt} 将提醒尚未点「收到」的学校一次。发「通知 状态 ${o.id}」查看确认情况。`,
    ].join('\n'),
  // The file a notice carries.
  fileNotAFile: '您回复的消息不是文件，没有发送任何通知。带文件下发：先私聊发给我文件，再回复那条文件消息「通知 …」。',
  fileNotYours: '只能附上您自己私聊发给我的文件，没有发送任何通知。',
  fileTooBig: (mb: number) => `文件有 ${mb} MB，超过通知附件 ${NOTICE_FILE_MAX_MB} MB 的上限，没有发送任何通知。请压缩后重发，或只发通知文字。`,
  fileEmpty: '文件是空的，没有发送任何通知。',
  fileGone: '读取不到您回复的文件（可能已撤回），没有发送任何通知。请重新发送文件后再回复它。',
  /** The bureau sends a file 1:1 on its own. */
  fileReceived: (name: Shown) => `收到文件「${name}」。如要随通知下发，请回复这条文件消息「通知 全部 通知内容」（或写镇街、学校名）；文件不超过 ${NOTICE_FILE_MAX_MB} MB。`,
  // The card the schools get.
  cardTitle: '教体局通知',
  reminderTitle: '提醒：请确认收到通知',
  from: (sender: Shown, at: string) => `${sender} · ${at}`,
  fileLine: (name: Shown) => `附件：${name}（见下一条消息）`,
  askAck: '请阅读后点「收到」确认（学校任何一位教师或校长确认即可）。',
  reminderIntro: (at: string) => `这条通知（${at} 下发）贵校还没有确认收到：`,
  ackButton: '收到',
  acknowledged: (by: Shown, at: string) => `✅ 已确认收到：${by}（${at}）`,
  // The 收到 button.
  ackDone: '已确认收到，谢谢。',
  ackAlready: (by: string, at: string) => `本校已由${by}于 ${at} 确认收到。`,
  ackNotYourSchool: '这条通知不是发给您学校的，不能替别的学校确认。',
  ackStaffOnly: '「收到」由学校的教师或校长确认。',
  unknownNotice: '没有找到这条通知。',
  // 通知 状态
  statusTitle: '通知确认情况',
  noNotices: '还没有下发过通知。发「通知 全部 通知内容」下发第一条。',
  statusLine: (o: { id: number; at: string; sender: Shown; scope: Shown; acked: number; schools: number; excerpt: Shown }) =>
    `**#${o.id}** ${o.at} ${o.sender} → ${o.scope}　已确认 **${o.acked}/${o.schools}**\n${o.excerpt}`,
  statusHint: (id: number) => `发「通知 状态 ${id}」查看哪些学校还没确认。`,
  statusOfTitle: (id: number) => `通知 #${id} 确认情况`,
  statusOfHead: (o: { at: string; sender: Shown; scope: Shown; acked: number; schools: number; reminded: string | null; remindAt: string }) =>
    `${o.at} ${o.sender} → ${o.scope}\n已确认 **${o.acked}/${o.schools}** 所学校；${o.reminded ? `${o.reminded} 已提醒未确认的学校` : `将于 ${o.remindAt} 提醒未确认的学校`}`,
  unackedHeading: (n: number) => `**未确认（${n} 所）**`,
  allAcked: '全部学校都已确认收到。',
  ackedHeading: (n: number) => `**已确认（${n} 所）**`,
  townLine: (town: Shown, schools: Shown[]) => `${town}：${schools.join('、')}`,
  ackedLine: (school: Shown, by: Shown, at: string) => `${school}：${by}（${at}）`,
  badStatusArgs: '请写「通知 状态」，或「通知 状态 编号」（编号见下发时的回复）。',
  noSuchNotice: (id: number) => `没有编号为 #${id} 的通知。发「通知 状态」查看最近的通知。`,
  pageGone: '这条通知已不存在。',
  notAllowed: '通知确认情况只对教体局工作人员和管理员开放。',
};
