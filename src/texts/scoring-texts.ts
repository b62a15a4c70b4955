import type { Shown } from './shown.js';

/** How a school's score was reached, as the bulletin, the ranking's "why" and the assessment file say it. */

type FormulaWords = { name: string; figure: (done: number, owed: number) => string; nothingOwed: string };

/** Keyed by the framework's formula names (model/framework-definition.ts): a formula without words here fails to compile where it is shown. */
const FORMULA_WORDS = {
  open_dropouts_zero: {
    name: '辍学动态清零',
    figure: (open) => (open === 0 ? '期末无在办辍学案件' : `期末仍有 ${open} 件辍学案件未结`),
    nothingOwed: '期末无在办辍学案件',
  },
  aid_check_coverage: {
    name: '资助对象核查覆盖',
    figure: (done, owed) => `受助学生 ${owed} 人，已核查 ${done} 人`,
    nothingOwed: '本学期无受助学生，无需核查',
  },
  visits_per_at_risk: {
    name: '重点学生走访',
    figure: (done, owed) => `应走访 ${owed} 人次（重点学生 × 月数），已走访 ${done} 人次`,
    nothingOwed: '无重点学生，无需走访',
  },
  checkin_completion: {
    name: '教师月度填报',
    figure: (done, owed) => `应填报 ${owed} 人次，已填报 ${done} 人次`,
    nothingOwed: '本期无到期的填报',
  },
  principal_reports_on_time: {
    name: '校长按时报送',
    figure: (done, owed) => `应报送 ${owed} 份，按时报送 ${done} 份`,
    nothingOwed: '本期无到期的报送',
  },
  alert_followup: {
    name: '预警学生跟进',
    figure: (done, owed) => `预警学生 ${owed} 人，已走访 ${done} 人`,
    nothingOwed: '本期无预警学生',
  },
} satisfies Record<string, FormulaWords>;

type Formula = keyof typeof FORMULA_WORDS;

export const scoringTexts = {
  badPeriod: (label: string) => `「${label}」不是可评分的时段，请写月份、季度或年份，例如 2026-12、2026Q4、2026`,
  noFramework: '还没有启用的督查指标体系，请管理员先导入（framework load）。',
  formulaName: (formula: Formula) => FORMULA_WORDS[formula].name,
  /** What a data formula read, e.g. 受助学生 40 人，已核查 36 人. */
  formulaFigure: (formula: Formula, done: number, owed: number) =>
    formula !== 'open_dropouts_zero' && owed <= 0 ? FORMULA_WORDS[formula].nothingOwed : FORMULA_WORDS[formula].figure(done, owed),
  notInspected: '本期未督查（按满分计）',
  inspectedTimes: (n: number) => `督查 ${n} 次`,
  deduction: (period: string, lost: number, reason: Shown | null) => `${period} 扣 ${lost} 分${reason ? `（${reason}）` : ''}`,
  moreDeductions: (n: number) => `另有 ${n} 处扣分`,
  evidenceAccepted: (n: number) => `已审核通过佐证 ${n} 件`,
  evidencePending: (n: number) => `佐证 ${n} 件待审核（审核通过后计分）`,
  evidenceRejected: (n: number) => `佐证 ${n} 件被退回`,
  evidenceMissing: '本期未报送佐证',
  points: (n: number) => `${n} 分`,
};
