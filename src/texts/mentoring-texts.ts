import type { Shown } from './shown.js';

/** 一对一帮扶 · 每天一问: what the bot says to mentors and principals about their daily check. */
export const mentoringTexts = {
  // 帮扶 <student> <teacher>. Refusals thrown by the domain take plain words: the command escapes the whole reply.
  assignUsage: '请这样指定帮扶教师：帮扶 张小明 李老师姓名（学生可用校内编号）',
  assignUseNumber: (said: Shown) => `「${said}」不止一名学生，或没有完全相同的名字：请用校内编号，例如「帮扶 2026001 教师姓名」。`,
  assignOnlyPrincipal: '只有本校校长可以指定帮扶教师。',
  teacherNotFound: (name: string) => `本校名单中没有在职教师「${name}」，请核对姓名。`,
  teacherAmbiguous: (name: string) => `本校有不止一位「${name}」，请联系管理员在名单中区分后再指定。`,
  assigned: (o: { student: Shown; className: Shown; teacher: Shown; before: Shown | null }) =>
    `已指定 ${o.teacher} 为 ${o.student}（${o.className}）的帮扶教师${o.before ? `（原为 ${o.before}）` : ''}。`,
  assignedInGroup: (masked: string, teacher: Shown) => `已为 ${masked} 指定帮扶教师 ${teacher}。`,
  alreadyMentor: (student: Shown, teacher: Shown) => `${teacher} 已是 ${student} 的帮扶教师，无需更改。`,
  assignDetail: (before: string | null, after: string) => `帮扶教师 ${before ?? '无'} → ${after}`,

  // 每天一问 开|关 [HH:mm] [学校]
  settingUsage: '请这样设置：每天一问 开（或 关），可加时间如「每天一问 开 16:00」；管理员请写学校名，如「每天一问 开 某某小学」。',
  settingOnlyOwnSchool: '校长只能设置本校的每天一问。',
  settingNeedsSchool: '请写明学校，例如「每天一问 开 某某小学」。',
  unknownSchool: (name: string) => `没有找到学校「${name}」。`,
  ambiguousSchool: (name: string, towns: string) => `「${name}」有多所学校（${towns}），请联系管理员。`,
  timeOutsideWindow: (time: string, window: string) => `${time} 不在发送时段内（${window}），请选一个时段内的时间。`,
  turnedOn: (school: Shown, time: string) => `已开启${school}的「每天一问」：每个上学日 ${time}，帮扶教师会私聊收到一张卡片，逐个确认所帮扶学生的情况（节假日、周末和寒暑假不发）。`,
  turnedOff: (school: Shown) => `已关闭${school}的「每天一问」。`,

  // The mentor's card
  cardTitle: '每天一问 · 一对一帮扶',
  cardIntro: (teacher: Shown, day: string) => `${teacher}老师您好！请确认今天（${day}）您帮扶的学生情况：`,
  cardStudent: (name: Shown, className: Shown) => `**${name}**（${className}）`,
  notePlaceholder: '需关注时可写明情况（选填）',
  ok: '情况正常',
  concern: '需关注',
  answeredOk: (name: Shown, className: Shown) => `✅ ${name}（${className}）：情况正常`,
  answeredConcern: (name: Shown, className: Shown, note: Shown | null) => `⚠️ ${name}（${className}）：需关注${note ? `（${note}）` : ''}，已告知校长`,
  cardAllDone: '今天的情况都已记录，谢谢！',
  recordedOk: '已记录：情况正常',
  recordedConcern: '已记录：需关注，已告知校长',
  alreadyAnswered: '这名学生今天的情况已经记录过了。',
  notYourCheck: '这张卡片不是发给您的。',
  checkGone: '这条记录已不存在。',

  // The principal's notice
  concernTitle: '每天一问 · 学生需关注',
  concernBody: (o: { principal: Shown; teacher: Shown; name: Shown; className: Shown; day: string; level: string }) =>
    `${o.principal}校长您好：帮扶教师 ${o.teacher} 在 ${o.day} 的「每天一问」中报告 **${o.name}**（${o.className}）需关注。该生在预警台账中现为「${o.level}」。`,
  concernNote: (note: Shown) => `情况：${note}`,
  concernHint: (name: Shown) => `发送「学生 ${name}」查看详情；情况好转后可「解除预警 ${name} 原因」。`,
  /** The register's reason for the raise (alert_changes.reason). */
  concernReason: (note: string | null) => `每天一问：${note ?? '需关注'}`,
  auditAnswer: (day: string, answer: string, note: string | null) => `每天一问 ${day}：${answer}${note ? `（${note}）` : ''}`,
};
