import type { Shown } from './shown.js';

/** 月督查: what the bureau's inspectors and the schools' principals read about an inspection. */

export const inspectionTexts = {
  usage: '督查 学校 [子项 -2 扣分原因]',
  commandSummary: '月督查（仅私聊）：「督查 学校」打开本月督查表；「督查 槐芽镇中心小学 控辍保学 -2 劝返记录不全」直接记一项扣分；再发同一子项即为更正，须写明原因',
  askPrivately: '督查内容只在私聊中处理，请私聊我发送「督查 学校名」。',
  teacherRefusal: '月督查由教体局工作人员进行，教师无需操作；学校的整改通知会私聊发给校长。',
  principalRefusal: '月督查由教体局工作人员进行；督查后扣分和整改要求会私聊发给您，点「已整改」即可回复整改情况。',
  needSchool: '请写上学校，例如「督查 槐芽镇中心小学」',
  notASchool: (name: string) => `「${name}」是镇街，请写学校名，例如「督查 ${name}中心小学」`,
  noFramework: '还没有启用的督查指标体系，请管理员先导入（framework load）。',
  noInspectionItems: '当前指标体系没有需要督查打分的子项。',
  unknownSubItem: (words: string, known: string) => `没有找到子项「${words}」。可写编号或名称，例如：${known}`,
  ambiguousSubItem: (words: string, found: string) => `「${words}」对应多个子项（${found}），请写编号或更完整的名称`,
  needScore: (example: string) => `请写上扣分或得分，例如「${example}」（-2 表示扣 2 分；也可写「得分 8」或「8分」）`,
  scoreOutOfRange: (name: string, points: number, score: number) => `「${name}」满分 ${points} 分，得分须在 0 到 ${points} 之间（收到 ${score}）`,
  needReason: (example: string) => `扣分须写明原因，例如「${example}」`,
  needCorrectionReason: (name: string, example: string) => `「${name}」本月已有评分，更正须写明原因，例如「${example}」`,
  formNeedReason: (name: string) => `「${name}」扣了分，请填写扣分原因`,
  formNeedCorrectionReason: (name: string) => `「${name}」的评分有改动，更正须填写原因`,
  formBadScore: (name: string, points: number) => `「${name}」的得分须是 0 到 ${points} 之间的数字`,
  unchanged: '与本月已记录的评分相同，没有改动。',
  exampleFor: (school: string, subItem: string) => `督查 ${school} ${subItem} -2 劝返记录不全`,
  correctionExampleFor: (school: string, subItem: string) => `督查 ${school} ${subItem} -1 复查已补齐部分记录`,
  /** The reply to a text score. */
  recorded: (o: { school: string; subItem: string; score: number; points: number; corrected: boolean }) =>
    `已${o.corrected ? '更正' : '记录'}：${o.school} ${o.subItem} ${o.score}/${o.points} 分。扣分与整改要求已私聊发给校长。`,
  formRecorded: (school: string, changed: number) => `已记录 ${school} 本月督查（${changed} 项评分）。扣分与整改要求已私聊发给校长。`,
  // The inspection form and the school's card (the inspector's).
  formTitle: (school: string, period: string) => `月督查 · ${school} · ${period}`,
  formIntro: '每项填得分（不填即满分）；扣分须写原因，可写整改要求。已记录的子项改动即为更正，须写明原因，原评分保留。',
  scoreLabel: (code: string, name: string, points: number) => `${code} ${name}（满分 ${points}）`,
  scorePlaceholder: (points: number) => `${points}`,
  reasonLabel: '扣分原因',
  reasonPlaceholder: '扣分时必填；更正时写更正原因',
  remedyLabel: '整改要求',
  remedyPlaceholder: '选填',
  submit: '提交督查',
  scoresHeading: '**本月评分**',
  scoreLine: (code: string, name: string, score: number, points: number) => `${code} ${name}：**${score}/${points}**`,
  notScored: (code: string, name: string, points: number) => `${code} ${name}：未评（满分 ${points}）`,
  reasonLine: (reason: string) => `　扣分原因：${reason}`,
  remedyLine: (remedy: string) => `　整改要求：${remedy}`,
  photoLine: '　附督查照片（已存入该校档案）',
  replacedLine: (score: number, at: string, by: string, reason: string) => `　原评分 ${score}（${at} ${by}${reason ? `，${reason}` : ''}），已更正`,
  total: (score: number, points: number) => `督查项合计：**${score}/${points}** 分`,
  rectificationsHeading: '**学校整改情况**',
  noRectification: '学校尚未回复整改情况。',
  rectificationLine: (at: string, by: string, note: string, photo: boolean) => `${at} ${by}：${note}${photo ? '（附照片，见档案）' : ''}`,
  // The principal's card.
  noticeTitle: (period: string) => `月督查结果 · ${period}`,
  noticeIntro: (school: string, inspector: string) => `${school}：教体局 ${inspector} 已完成本月督查。`,
  noticeUpdated: '（评分有更新或更正，以本卡为准）',
  noDeductions: '本月督查各项均得满分，无需整改。',
  deductionsHeading: '**扣分项与整改要求**',
  deductionLine: (code: string, name: string, lost: number) => `**${code} ${name}**　扣 ${lost} 分`,
  rectifyLabel: '整改情况',
  rectifyPlaceholder: '写明已采取的整改措施（必填）',
  rectifySubmit: '已整改',
  // After 已整改.
  needNote: '请填写整改情况再点「已整改」',
  notYourSchool: '这份督查不是您学校的',
  rectified: '已收到整改情况，谢谢！',
  thanks: (school: string) => `已收到 ${school} 的整改情况，谢谢！督查人员会看到您的回复。`,
  inspectorNotice: (school: string, period: string, principal: string, note: string) =>
    `${school} ${period} 月督查整改回复（${principal}）：${note}\n发「督查 ${school}」查看该校督查卡片。`,
  onlyBureau: '月督查只由教体局工作人员记录',
  notYours: '这张督查表不是发给您的',
  staleForm: '这张督查表已过期（不是本月或指标体系已更新），请重新发「督查 学校」',
};

/** The audit rows' words: what was scored, and why (who and when are the row's own columns). */
export const inspectionAuditTexts = {
  score: (school: string, period: string, code: string, score: number, reason: string | null) => `督查 ${school} ${period} ${code} 得分 ${score}${reason ? `，原因：${reason}` : ''}`,
  correction: (school: string, period: string, code: string, from: number, to: number, reason: string) => `督查更正 ${school} ${period} ${code} ${from} → ${to}，原因：${reason}`,
  rectification: (school: string, period: string) => `整改回复 ${school} ${period}`,
  photo: (school: string, period: string, code: string, file: string) => `督查照片 ${school} ${period} ${code}：${file}`,
};

/** An inspector's photo, sent 1:1 with 「督查 学校 子项」 as its caption. */
export const inspectionPhotoTexts = {
  onlyInspectors: '督查照片由教体局工作人员发送。',
  needCaption: '督查照片请带上说明发送，写明学校和子项，例如「督查 横渠镇中心小学 6.1」（先记录该项评分）；照片不会发到任何群。学校的档案资料由校长和教师提交，请用「档案 学校名」查看。',
  needScore: (school: string, code: string, name: string) => `${school} 本月还没有「${code} ${name}」的督查评分，请先记录评分（如「督查 ${school} ${code} -2 原因」），再发照片。`,
  attached: (school: Shown, code: Shown, name: Shown, file: Shown) =>
    `已将照片「${file}」附到 ${school} 本月督查「${code} ${name}」，并存入该校档案。照片不会发到任何群。`,
  already: (file: Shown) => `照片「${file}」已附上，无需重复发送。`,
  // A principal's rectification photo, captioned 「整改 子项 说明」.
  rectifyOnlyPrincipal: '整改情况由校长回复；老师的佐证请发「佐证 子项」。',
  rectifyNeedCaption: '整改照片请带上说明，例如「整改 6.1 围墙已修复」（子项和整改情况）。',
  nothingToRectify: (words: string) => `本校最近的督查中，「${words}」没有扣分，无需整改。请写被扣分的子项，例如「整改 6.1 围墙已修复」。`,
  rectified: (code: Shown, name: Shown, file: Shown) => `已收到「${code} ${name}」的整改情况和照片「${file}」，谢谢！督查人员会看到您的回复，照片存入本校档案待教体局审核。`,
};
