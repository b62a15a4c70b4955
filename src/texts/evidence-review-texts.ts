import type { Shown } from './shown.js';

/** 审核: the bureau accepts or returns the evidence schools filed; the uploader reads why it came back. */
export const evidenceReviewTexts = {
  commandSummary: '审核学校提交的档案资料（仅私聊）：「审核」列出全县待审核的资料，「审核 横渠镇中心小学」只看一校；逐份点「查看」（文件私聊发给您）、「通过」或「退回」（退回须写理由）',
  usage: '审核 [学校]',
  askPrivately: '档案资料只在私聊中审核，请私聊我发送「审核」或「审核 学校名」。',
  teacherRefusal: '档案资料由教体局审核；您提交的资料被退回时，我会私聊告诉您理由。发「佐证」归档您的资料。',
  principalRefusal: '档案资料由教体局审核；学校的资料被退回时，我会私聊告诉提交人理由。发「档案」查看本校资料和审核情况。',
  onlyBureau: '档案资料只由教体局工作人员和管理员审核。',
  badArgs: '没看懂要审核的范围。例如：「审核」「审核 横渠镇中心小学」「审核 横渠镇」。',
  // The verb's refusals.
  unknownEvidence: '这份资料不存在，或还没有归到子项，不能审核。',
  needNote: '退回须写明理由（提交人会看到），请填写后再点「确认退回」。',
  noteTooLong: (max: number) => `退回理由请写在 ${max} 字以内。`,
  alreadyDecided: (by: string, at: string, decision: string) => `这份资料已由${by}于 ${at} 审核（${decision}），没有改动。`,
  decisionWords: { accepted: '已通过', rejected: '已退回' } as Record<string, string>,
  someone: '他人',
  // The card.
  cardTitle: (place: string | undefined) => `档案资料审核 · ${place ?? '全县'}`,
  counts: (total: number, from: number, to: number) => (total === 0 ? '没有待审核的资料。' : `待审核 ${total} 份，按提交时间从早到晚，本页第 ${from}–${to} 份。`),
  rule: '点「查看」，文件会私聊发给您；通过后该子项计满分；退回须写理由，提交人会私聊收到理由和重新提交的方法。',
  itemHead: (school: Shown, code: Shown, name: Shown) => `**${school}**　${code} ${name}`,
  /** `编号` is what `npm run cli -- evidence review ID` and the audit rows (`#ID`) name. */
  itemLine: (fileName: Shown, uploader: Shown, date: string, id: number) => `「${fileName}」　${uploader} 提交于 ${date}　编号 ${id}`,
  accept: '通过',
  reject: '退回',
  rejectLabel: '退回理由（提交人会看到）',
  rejectPlaceholder: '例如：照片不清晰，请重新拍摄',
  rejectSubmit: '确认退回',
  cancel: '取消',
  // After a decision.
  acceptedNote: (fileName: Shown, school: Shown, code: Shown) => `已通过：${school} ${code}「${fileName}」`,
  rejectedNote: (fileName: Shown, school: Shown, code: Shown) => `已退回：${school} ${code}「${fileName}」，理由已私聊告诉提交人`,
  acceptedToast: '已通过',
  rejectedToast: '已退回，已通知提交人',
  // 查看: the file, sent 1:1 to whoever clicked.
  view: '查看',
  viewSent: '已私聊发送',
  viewNoStore: '当前部署没有配置资料存储，暂时不能查看文件，请联系管理员。',
  viewBytesGone: '这份资料的文件已不在存储中，无法发送；可请学校重新提交。',
  viewNotAllowed: '资料文件只发给教体局工作人员、管理员和本校校长。',
  goneFromList: '这份资料已经审核过了，已从列表中移除。',
  pageGone: '这张审核卡片已失效，请重新发「审核」。',
  /** The uploader's 1:1 text. */
  rejectedNotice: (o: { fileName: Shown; code: Shown; subItem: Shown; school: Shown; note: Shown; reviewer: Shown }) =>
    [
      `您为 ${o.school} 提交的档案资料「${o.fileName}」（子项 ${o.code} ${o.subItem}）已被教体局退回。`,
      `退回理由：${o.note}`,
      `审核人：${o.reviewer}`,
      `请按理由补充或重新整理后，私聊发给我照片或文件，再发「佐证 ${o.code}」重新归档；通过审核后该子项才计分。`,
    ].join('\n'),
};

/** The audit rows' words: which upload and what was decided (who and when are the row's own columns). */
export const evidenceReviewAuditTexts = {
  accepted: (school: string, period: string, code: string, fileName: string, id: number) => `审核资料 #${id} ${school} ${period} ${code}「${fileName}」：通过`,
  rejected: (school: string, period: string, code: string, fileName: string, id: number, note: string) =>
    `审核资料 #${id} ${school} ${period} ${code}「${fileName}」：退回，理由：${note}`,
  viewed: (school: string, period: string, code: string, fileName: string, id: number) => `查看资料 #${id} ${school} ${period} ${code}「${fileName}」：文件已私聊发送`,
};

/** `npm run cli -- evidence …`. */
export const evidenceCliTexts = {
  usage: 'evidence review ID accept|reject [--note 理由] --as OPEN_ID',
  summary: '审核一份档案资料（与聊天中的「审核」相同，记入审计，退回时私聊通知提交人）',
  help: [
    '用法：npm run cli -- evidence review ID accept|reject [--note 理由] --as OPEN_ID',
    '',
    '以 OPEN_ID（教体局工作人员或管理员）的身份审核编号为 ID 的档案资料：accept 通过，reject 退回（须 --note 写理由）。',
    '与聊天中的「审核」是同一操作：只能审核待审核的资料，写入审计日志（渠道为命令行），退回通知经发件箱私聊发给提交人。',
  ].join('\n'),
  notAPerson: (openId: string) => `名单里没有在用的 ${openId}。`,
  badId: (id: string) => `「${id}」不是资料编号。`,
  done: (id: number, decision: string) => `资料 #${id}：${decision}。`,
  noticeQueued: '退回通知已放入发件箱，由服务发送。',
};
