import type { Shown } from './shown.js';

/** 考核: the year's supervision result per school, as an Excel file for the year-end assessment. */
export const assessmentTexts = {
  usage: '考核 [年份]',
  commandSummary: '私聊生成年度督查考核 Excel（总分与名次、子项得分、扣分明细），如「考核 2026」；不写年份时一至三月为上一年',
  askPrivately: '考核结果请私聊我发送「考核」或「考核 2026」，文件只发到私聊。',
  badArgs: '请写年份，例如「考核」「考核 2026」「考核 去年」。',
  notBegun: (year: number) => `${year}年还没开始，没有可考核的结果。`,
  queued: (fileName: Shown, year: number, schools: number) =>
    `已生成「${fileName}」：${schools} 所学校${year}年的总分与名次、子项得分和扣分明细，文件随后私聊发送。`,
  toDate: (year: number) => `${year}年尚未结束，表中是截至今天的结果。`,
  lastYearMeant: (year: number) => `一至三月默认考核上一年（与「排名」相同）；今年至今的结果请发「考核 ${year}」。`,
  teacherRefusal: '年度督查考核由教体局汇总，教师无需操作。',
  principalRefusal: '年度督查考核由教体局汇总；本校的督查扣分和整改要求会私聊发给您，发送「档案」可查看本校佐证。',
};
