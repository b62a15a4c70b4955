import type { Shown } from './shown.js';

type Column = { name: string; label: Shown };
type Tally = { expected: number; answered: number; late: number; sums: Record<string, number> };
type Children = {
  visits: { home: number; phone: number; video: number };
  alert: number;
  watch: number;
  unvisited: number;
  dropouts: number;
};

const percent = (a: number, b: number) => (b === 0 ? '—' : `${Math.round((a / b) * 100)}%`);
/** ▲3 / ▼2 / 持平: a change as the card shows it. */
const delta = (n: number, unit = '') => (n > 0 ? `▲${n}${unit}` : n < 0 ? `▼${-n}${unit}` : '持平');

/** What 「进度」 says: a principal's own school, every open campaign. */
export const progressTexts = {
  /** The header is plain_text: names go in raw. */
  title: (school: string) => `${school} · 填报进度`,
  subtitle: (town: string, now: string) => `${town} · ${now}`,
  sectionHeading: (title: Shown, period: string, due: string, pastDue: boolean) =>
    `**${title} · ${period}**（${pastDue ? `已于 ${due} 截止` : `截止 ${due}`}）`,
  teachers: {
    answered: (t: Tally) => `教师已填报 **${t.answered}/${t.expected}** 人（${percent(t.answered, t.expected)}）${t.late > 0 ? ` · 其中逾期 **${t.late}** 人` : ''}`,
    sums: (t: Tally, columns: Column[]) => columns.map((c) => `${c.label} **${t.sums[c.name] ?? 0}**`).join(' · '),
    change: (period: string, points: number, sums: Record<string, number>, columns: Column[]) =>
      [`较上期（${period}）：完成率 ${delta(points, ' 个百分点')}`, ...columns.map((c) => `${c.label} ${delta(sums[c.name] ?? 0)}`)].join(' · '),
    noPrevious: '（这是第一期，暂无上期可比）',
    allAnswered: '✅ 全部教师已填报。',
    missingNames: (n: number, names: Shown[], pastDue: boolean) =>
      `${pastDue ? '🔴 已截止仍未填报' : '⏳ 尚未填报'}（${n} 人）：${names.join('、')}`,
    missingMore: (n: number) => `等 ${n} 人`,
    /** In the school chat: a count, and where to see the names. */
    missingCount: (n: number, pastDue: boolean) => `${pastDue ? '🔴 已截止仍未填报' : '⏳ 尚未填报'} **${n}** 人（名单请私聊我发「进度」查看）`,
    noTeachers: '名单中本校没有教师。',
  },
  children: (month: string, c: Children) =>
    `学生情况（${month}，只计人数）：家访 入户 ${c.visits.home} · 电话 ${c.visits.phone}${c.visits.video ? ` · 视频 ${c.visits.video}` : ''}` +
    ` · 预警 ${c.alert} 人 · 关注 ${c.watch} 人 · 重点学生本月未家访 ${c.unvisited} 人 · 控辍保学未结案 ${c.dropouts > 0 ? `<font color='red'>${c.dropouts}</font>` : 0} 件`,
  principals: {
    onTime: (at: string, revisions: number) => `✅ 您已按时填报（${at}${revisions > 0 ? `，修改过 ${revisions} 次` : ''}）`,
    late: (at: string, revisions: number) => `🕒 您已逾期填报（${at}${revisions > 0 ? `，修改过 ${revisions} 次` : ''}）`,
    missing: (example: Shown) => `⏳ 您还没有填报。私聊我发送即可，例如：${example}`,
    missingPastDue: (example: Shown) => `🔴 已截止，您还没有填报（截止后仍可补报，记为逾期）。私聊我发送，例如：${example}`,
  },
  legend: '教师名单只在私聊中显示；群里只显示人数。完成率变化以百分点计，较同一项目的上一期。',
  noRound: '目前没有进行中的填报项目。',
  /** Roles 进度 is not for: where their own view is. */
  refusals: {
    teacher: '抱歉，「进度」是给校长看本校填报情况的。您可以发「我的」查看自己本期的填报，或还欠哪些。',
    bureau: '抱歉，「进度」是给校长看本校的。教体局可以发「汇总」看全县，或「汇总 学校名」看一所学校的进度。',
    admin: '抱歉，「进度」是给校长看本校的。管理员可以发「汇总」看全县，或「汇总 学校名」看一所学校的进度。',
  },
};
