import type { Shown } from './shown.js';

/** What a round's prompt card says. */
export const promptTexts = {
  title: (period: string, campaignTitle: string) => `${period} ${campaignTitle}`,
  body: (o: { due: string; example: Shown; inGroup: boolean; hasCounts: boolean }) =>
    `请在 **${o.due}** 前填报。可直接在下方表单填写` +
    (o.example ? `，也可以${o.inGroup ? ' @我 ' : '直接'}回复一句话，例如：\n> ${o.example}\n` + (o.hasCounts ? '没有的数可以不写（按 0 计）。' : '') : '。') +
    (o.inGroup ? '\n请勿在群里写学生全名、身份证号、住址或电话。' : ''),
  submit: '提交',
  /** A required text field's hint: never 选填. */
  requiredTextPlaceholder: '必填，不写学生全名和联系方式',
};
