import type { Shown } from './shown.js';

/** 控辍保学's states and 劝返 methods as the bureau's ledgers say them. */
export const dropoutStateNames = {
  suspected: '疑似',
  dropped: '已辍学',
  persuading: '劝返中',
  returned: '已返校',
  transferred: '已转学',
  exempted: '已豁免',
} as const;
export const persuasionMethodNames = { phone: '电话', home: '入户', joint: '联合乡镇' } as const;

/** What the bot says about dropout cases (控辍保学，动态清零). */
export const dropoutTexts = {
  /** The reason a case opened by a visit carries (never the visit's findings, which a purge empties). */
  fromVisit: (day: string) => `${day} 家访标记辍学风险`,
  openUsage: '请这样登记：辍学 张小明 原因（例如：辍学 张小明 连续三天未到校）',
  listUsage: '「辍学」后面请写学生姓名和原因；全县在册名单只发给教体局（校长私聊发「辍学」查看本校）。',
  onlySchoolStaff: '只有本校教师和校长可以登记、更新本校学生的辍学情况。',
  opened: (name: Shown, reason: Shown) => `已登记 ${name} 疑似辍学（${reason}），您是责任人。每周一会提醒您和校长跟进。`,
  reopened: (name: Shown, reason: Shown) => `${name} 的辍学案例已重新打开，状态：疑似（${reason}），您是责任人。`,
  alreadyOpen: (name: Shown, state: string) => `${name} 已有未结的辍学案例（${state}），未重复登记。`,
  openedInGroup: (masked: string) => `已登记 ${masked} 疑似辍学。私聊发送「辍学 姓名」可查看案例。`,
  alreadyOpenInGroup: (masked: string, state: string) => `${masked} 已有未结的辍学案例（${state}），未重复登记。`,
  noOpenCase: '该生目前没有未结的辍学案例。如需登记，请发送「辍学 姓名 原因」。',
  stateUsage: '请这样更新：状态 张小明 已辍学｜劝返中｜已返校｜已转学 学校｜已豁免 原因',
  unknownState: (said: Shown) => `看不懂状态「${said}」。可用：已辍学、劝返中、已返校、已转学 学校、已豁免 原因。`,
  invalidMove: (from: string, to: string, allowed: string) =>
    allowed ? `不能从「${from}」改为「${to}」。可改为：${allowed}。` : `案例已是「${from}」（已结案），不能再改为「${to}」；如又辍学，请重新发送「辍学 姓名 原因」。`,
  staffOnly: '只有本校教师和校长可以更新这个状态。',
  approverOnly: '「已豁免」须由本校校长或教体局批准。',
  transferNeedsSchool: '已转学请写明转入学校，例如：状态 张小明 已转学 横渠镇中心小学',
  exemptNeedsReason: '已豁免请写明原因，例如：状态 张小明 已豁免 因病缓学',
  changed: (name: Shown, from: string, to: string) => `已将 ${name} 的状态从「${from}」改为「${to}」。`,
  changedInGroup: (masked: string, to: string) => `已记录 ${masked} 状态：${to}。`,
  persuadeUsage: '请这样记录劝返：劝返 张小明 电话｜入户｜联合乡镇 结果',
  persuadeClosed: '这个案例已结案，无需再劝返。',
  persuaded: (name: Shown, method: string, day: string) => `已记录 ${day} 对 ${name} 的劝返（${method}）。`,
  persuadedInGroup: (masked: string, method: string) => `已记录 ${masked} 的劝返（${method}）。`,
  reassignUsage: '请这样指定责任人：负责 张小明 教师姓名',
  reassignOnlyPrincipal: '只有本校校长可以指定责任人。',
  noSuchTeacher: '本校名单中没有这位教师，请写名册上的全名。',
  reassigned: (name: Shown, teacher: Shown) => `已指定 ${teacher} 为 ${name} 的劝返责任人。`,
  reassignedInGroup: (masked: string, teacher: Shown) => `已指定 ${teacher} 为 ${masked} 的劝返责任人。`,
  askPrivately: '辍学学生的详情只能私聊查看。',
  groupCounts: (open: number, byState: string) => (open === 0 ? '目前没有未结的辍学案例。' : `目前未结的辍学案例 ${open} 个（${byState}），详情请私聊查看。`),
  // The case card (1:1).
  cardTitle: (name: Shown) => `辍学案例：${name}`,
  cardBody: (o: { school: Shown; className: Shown; state: string; responsible: Shown; reason: Shown; opened: string; days: number }) =>
    `学校：${o.school}　班级：${o.className}\n状态：**${o.state}**　责任人：${o.responsible}\n原因：${o.reason}\n登记：${o.opened}（已 ${o.days} 天）`,
  cardClosed: (o: { transferredTo: Shown | null; exemptReason: Shown | null }) =>
    [o.transferredTo ? `转入学校：${o.transferredTo}` : '', o.exemptReason ? `豁免原因：${o.exemptReason}` : ''].filter(Boolean).join('\n'),
  cardAttemptsHeader: '劝返记录',
  cardAttempt: (o: { day: string; method: string; by: Shown; result: Shown }) => `${o.day} ${o.method}（${o.by}）：${o.result}`,
  cardNoAttempts: '暂无劝返记录',
  cardHint: '改状态：点下面的按钮，或发送「状态 姓名 已转学 学校」「状态 姓名 已豁免 原因」；劝返后发送「劝返 姓名 电话 结果」。',
  cardNotYours: '这张卡片不是发给您的。',
  cardStale: '案例已有变化，请重新发送「辍学 姓名」查看。',
  moveButton: (to: string) => `改为「${to}」`,
  // 辍学 alone, 1:1.
  listTitle: '未结的辍学案例',
  listNone: '目前没有未结的辍学案例。',
  listLine: (o: { school: Shown; name: Shown | string; className: Shown; state: string; days: number; lastAttempt: string | null }) =>
    `${o.school} ${o.name}（${o.className}）**${o.state}** 已 ${o.days} 天　上次劝返：${o.lastAttempt ?? '无'}`,
  // Scheduled messages.
  weeklyReminder: (o: { name: Shown; lines: string[] }) =>
    `${o.name}老师，本周请跟进以下未结的辍学案例（控辍保学，动态清零）：\n${o.lines.join('\n')}\n劝返后发送「劝返 姓名 电话｜入户｜联合乡镇 结果」记录；返校后发送「状态 姓名 已返校」。`,
  weeklyLine: (o: { name: Shown; className: Shown; state: string; days: number; lastAttempt: string | null }) =>
    `· ${o.name}（${o.className}）${o.state}，已 ${o.days} 天，上次劝返：${o.lastAttempt ?? '无'}`,
  dailySummary: (o: { day: string; opened: string[]; closed: string[]; open: number }) =>
    `【控辍保学日报】${o.day}\n新增 ${o.opened.length} 例${o.opened.length ? `：${o.opened.join('、')}` : ''}\n结案 ${o.closed.length} 例${o.closed.length ? `：${o.closed.join('、')}` : ''}\n目前未结 ${o.open} 例。私聊发送「辍学」查看名单。`,
  summaryEntry: (o: { school: Shown; masked: string; state: string }) => `${o.school} ${o.masked}（${o.state}）`,
} as const;
