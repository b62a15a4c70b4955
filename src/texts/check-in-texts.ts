import type { CheckInValues } from '../db/queries/check-ins.js';

/** Everything the check-in feature says, in one place so it reads well and can be translated. */
export const checkInTexts = {
  campaignTitle: '常态化动态预警监测',
  promptTitle: (period: string) => `${period} 动态预警监测填报`,
  promptBody: (due: string) =>
    `请各位老师在 **${due}** 前填报本月入户走访、电话随访和新增预警情况。\n` +
    `可直接在下方表单填写，也可以 @我 回复一句话，例如：\n` +
    `> 走访5户 电话3户 新增预警1人 备注：……\n` +
    `没有的项可以不写（按 0 计）。请勿在群里写学生全名、身份证号、住址或电话。`,
  fieldLabels: {
    home_visits: '走访户数',
    phone_followups: '电话随访户数',
    new_alerts: '新增预警人数',
    note: '备注',
  },
  notePlaceholder: '选填，不写学生全名和联系方式',
  submit: '提交',
  /** In a group chat the note is not repeated: teachers' notes may name children. */
  echo: (v: CheckInValues, inGroup = false) =>
    `走访 ${v.homeVisits} 户，电话随访 ${v.phoneFollowups} 户，新增预警 ${v.newAlerts} 人` +
    (v.note ? (inGroup ? '，备注已保存（为保护学生隐私，群内不显示备注，私聊我发「我的」可查看）' : `，备注：${v.note}`) : ''),
  receipt: (o: { name: string; period: string; values: CheckInValues; replaced: boolean; late: boolean; due: string; inGroup: boolean }) =>
    `${o.name}老师，已${o.replaced ? '更新' : '收到'}您 ${o.period} 的填报：` +
    checkInTexts.echo(o.values, o.inGroup) +
    '。' +
    (o.late ? `（截止时间 ${o.due} 已过，本次记为逾期填报）` : `如需修改，在 ${o.due} 前重新发送即可。`),
  receiptToast: (replaced: boolean) => (replaced ? '已更新填报' : '已收到填报'),
  mine: (o: { period: string; values: CheckInValues; submittedAt: string; late: boolean; revisions: number; inGroup: boolean }) =>
    `您 ${o.period} 的填报（${o.submittedAt}${o.late ? '，逾期' : ''}${o.revisions ? `，已修改 ${o.revisions} 次` : ''}）：` +
    checkInTexts.echo(o.values, o.inGroup),
  owes: (period: string, due: string) => `您还没有填报 ${period} 的动态监测，截止 ${due}。回复例如「走访5户 电话3户 新增预警1人」即可。`,
  noRound: '当前没有进行中的填报，本月填报开始后会在学校群里通知。',
  roundClosed: '这一期填报已结束（新一期已开始），请在最新一期的卡片中填报。',
  onlyTeachers: '填报由各校教师完成；您可以发「帮助」查看可用的命令。',
  badNumber: (label: string) => `「${label}」请填写 0 到 9999 之间的整数。`,
  noteTooLong: (max: number) => `备注最多 ${max} 个字，请精简后再提交。`,
};
