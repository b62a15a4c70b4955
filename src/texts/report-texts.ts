import type { Shown } from './shown.js';

/** What the bureau's 「查看报告」 button and the report card it sends say. */
export const reportTexts = {
  button: '查看报告',
  /** The header is plain_text: names go in raw. */
  title: (campaign: string, period: string, school: string) => `${campaign} · ${period} · ${school}`,
  subtitle: (town: string) => `${town} · 校长报告`,
  school: (school: Shown, town: Shown) => `**学校**：${school}（${town}）`,
  principal: (name: Shown) => `**校长**：${name}`,
  submitted: (at: string, late: boolean) => `**提交时间**：${at} · ${late ? "<font color='orange'>逾期提交</font>" : '按时提交'}`,
  revisions: (n: number) => `**修改次数**：${n}`,
  fieldHeading: (label: Shown) => `**${label}**`,
  empty: '（未填写）',
  yes: '是',
  no: '否',
  notFiled: (due: string, pastDue: boolean) => `**尚未提交**（${pastDue ? `已于 ${due} 截止` : `截止 ${due}`}）`,
  principals: (names: Shown[]) => `**校长**：${names.length > 0 ? names.join('、') : '名单中本校没有校长'}`,
  legend: '报告原文只私聊发给教体局工作人员和管理员，请勿转发到群里。',
  sent: '报告已私聊发给您',
  onlyBureau: '抱歉，只有教体局工作人员和管理员可以查看校长的报告。',
  unknownRound: '找不到这一期填报，可能已被删除。',
  notPrincipals: '这一期不是校长的报告。',
  unknownSchool: '找不到这所学校，可能已从名单中移除。',
};
