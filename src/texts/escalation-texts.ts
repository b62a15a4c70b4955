import type { Shown } from './shown.js';

/** What the bureau is told about schools that are behind (落后约谈). */
export const escalationTexts = {
  lagging: (o: {
    title: Shown;
    period: string;
    due: string;
    workdays: number;
    /** The 汇总 command that shows this round (summaryTexts.command). */
    command: Shown;
    schools: { town: Shown; school: Shown; answered: number; expected: number }[];
  }) =>
    `【落后提醒】${o.period}「${o.title}」已于 ${o.due} 截止，超过 ${o.workdays} 个工作日仍未完成的学校共 ${o.schools.length} 所：\n` +
    o.schools.map((s) => `• ${s.town} ${s.school}：${s.answered}/${s.expected}`).join('\n') +
    `\n发「${o.command}」查看详情。`,
};
