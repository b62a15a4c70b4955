import type { Shown } from './shown.js';

/** Modes and levels as teachers and the bureau's ledgers say them. */
export const visitModeNames = { home: '入户', phone: '电话', video: '视频' } as const;
export const alertLevelNames = { normal: '正常', watch: '关注', alert: '预警' } as const;

/** What the bot says about students, their visits and the alert register. */
export const studentTexts = {
  /** In a group chat: a masked name and the mode, nothing else about the child. */
  visitRecordedInGroup: (masked: string, mode: string) => `已记录 ${masked} 的家访（${mode}）。`,
  visitRecorded: (o: { name: Shown; className: Shown; day: string; mode: string }) =>
    `已记录 ${o.name}（${o.className}）${o.day}的家访（${o.mode}）。`,
  visitRaised: (level: string, principals: number) =>
    `风险已记入预警台账：现为「${level}」${principals > 0 ? '，已通知校长' : '（学校暂无校长在名单中，请告知校长）'}。`,
  visitKeptLevel: (level: string) => `该生在预警台账中的状态仍为「${level}」。`,
  visitMasked: (ids: number, mobiles: number) =>
    `为保护隐私，记录中的${[ids ? `身份证号 ${ids} 个` : '', mobiles ? `手机号 ${mobiles} 个` : ''].filter(Boolean).join('、')}已打码保存。`,
  visitOnlySchoolStaff: '只有本校教师和校长可以记录本校学生的家访。',
  noSchool: '您不在任何学校的名单中，无法记录家访。',
  studentNotFound: (said: Shown) => `本校没有找到学生「${said}」。请核对姓名，或用校内编号（导入学生名单时的编号）。`,
  studentNotFoundCounty: (said: Shown) => `没有找到学生「${said}」（已离校的学生不在查询范围内）。`,
  useNumber: (said: Shown) => `「${said}」不止一名学生，或没有完全相同的名字：请用校内编号，例如「解除预警 2026001 原因」。`,
  chooseTitle: '请选择学生',
  chooseAmbiguous: (n: number) => `有 ${n} 名学生符合，请点选您说的是哪一位：`,
  chooseUnknown: '没有完全相同的名字，是下面哪一位？',
  chooseNone: '都不是',
  chooseDropped: '已取消，没有记录任何内容。',
  chooseNotYours: '这张卡片不是发给您的。',
  chooseGone: '这名学生已不在名单中，没有记录。',
  askPrivately: '学生的信息只能私聊查看，请私聊我发送「学生 姓名」。',
  studentUsage: '请这样查询：学生 张小明（或校内编号）',
  listOnlyPrincipals: '「学生」后面请写学生姓名或校内编号；本校重点学生名单只发给校长。',
  unvisitedTitle: (month: string) => `${month} 本月尚未家访的重点学生`,
  unvisitedNone: (month: string) => `${month} 本校重点学生（特殊群体及关注、预警学生）都已家访，谢谢！`,
  unvisitedLine: (o: { name: Shown; className: Shown; level: string; categories: string; lastVisit: string | null }) =>
    `${o.name}（${o.className}）${o.level ? ` **${o.level}**` : ''} ${o.categories}　上次家访：${o.lastVisit ?? '无'}`,
  unvisitedHint: '发送「学生 姓名」查看详情；家访后发送「家访 姓名 入户 情况…」记录。',
  noAccess: '您没有查看这名学生信息的权限（只能查看本校学生）。',
  basicOnly: '您可以看到本校学生的姓名和班级；学生的类别、资助和家访记录仅向帮扶教师、家访过的教师、校长和教体局开放。',
  noVisits: '暂无家访记录',
  clearUsage: '请这样解除预警：解除预警 张小明 原因（例如：已返校正常上课）',
  clearReasonNeeded: '解除预警需要写明原因，例如：解除预警 张小明 已返校正常上课',
  notOnRegister: (name: Shown) => `${name} 目前不在预警台账中（状态：正常），无需解除。`,
  cleared: (name: Shown, from: string) => `已解除 ${name} 的${from}，台账已记录原因。`,
  clearedInGroup: (masked: string) => `已解除 ${masked} 的预警状态。`,
  clearNotAllowed: '只有该生的帮扶教师、家访过该生的教师或本校校长可以解除预警。',
  // The principal's 1:1 card the day a child is put on the register.
  alertTitle: (level: string) => `学生${level}提醒`,
  alertBody: (o: { principal: Shown; teacher: Shown; name: Shown; className: Shown; level: string; risks: string; day: string; mode: string }) =>
    `${o.principal}校长，${o.teacher}老师 ${o.day}${o.mode}家访后，将 **${o.name}**（${o.className}）列为「${o.level}」。\n风险：${o.risks}`,
  alertFindings: (findings: Shown) => `情况：${findings}`,
  alertMeasures: (measures: Shown) => `措施：${measures}`,
  alertHint: (name: Shown) => `私聊我发送「学生 ${name}」可查看该生的全部记录；情况好转后发送「解除预警 ${name} 原因」。`,
  // The student card (1:1).
  cardTitle: (name: Shown) => `学生：${name}`,
  cardBasic: (o: { school: Shown; className: Shown; mentor: Shown | null }) =>
    `学校：${o.school}　班级：${o.className}${o.mentor ? `\n帮扶教师：${o.mentor}` : ''}`,
  cardDetail: (o: { categories: string; aid: string; level: string }) =>
    `类别：${o.categories || '无'}\n资助：${o.aid || '无'}\n预警状态：**${o.level}**`,
  cardVisitsHeader: (n: number) => `家访记录（最近 ${n} 次）`,
  cardVisit: (o: { day: string; mode: string; teacher: Shown; risks: string; findings: Shown | null; measures: Shown | null; purged: boolean }) =>
    `**${o.day} ${o.mode}**（${o.teacher}）风险：${o.risks}` + (o.purged ? '（记录内容已按保存期限删除）' : o.findings ? `\n${o.findings}` : '') + (o.measures ? `\n措施：${o.measures}` : ''),
  cardAlertsHeader: '预警台账变化',
  cardAlert: (o: { at: string; from: string; to: string; by: Shown | null; reason: Shown | null }) =>
    `${o.at} ${o.from} → ${o.to}${o.by ? `（${o.by}）` : ''}${o.reason ? `：${o.reason}` : ''}`,
  cardAuditNote: '本次查看已记入审计日志。',
  noRisk: '无',
  // Collect once: the monthly counts from what a teacher recorded visit by visit.
  recordedThisMonth: (w: { home: number; remote: number; video: number; newAlerts: number }) =>
    `本月已记录：入户 ${w.home} 户，电话${w.video ? '/视频' : ''} ${w.remote} 户，新增预警 ${w.newAlerts} 人`,
  confirmRecordsHint: '点填报卡片上的「按家访记录填报」即可一键填报；数字不对就直接回复更正，例如「电话3户」。',
  fromRecordsButton: '按我的家访记录填报',
  openVisitFormButton: '记录一次家访',
  fromRecordsNote: '家访可逐条记录（点「记录一次家访」或发「家访 …」），月底点「按我的家访记录填报」一键填报。',
  nothingRecorded: '您本月还没有用「家访 …」记录家访，请在表单中填写，或直接回复例如「走访3户 电话2户」。',
  answeredFromRecords: (line: string) => `已按记录填报（${line}）`,
} as const;
