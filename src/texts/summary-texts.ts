import type { Shown } from './shown.js';

type Column = { name: string; label: Shown };
type Tally = { answered: number; expected: number; sums: Record<string, number> };
type Filed = { answered: number; expected: number; late: number };
/** Open dropout cases in red when any: the county's goal is zero (动态清零). */
const dropoutCount = (n: number, bold: boolean) => (n > 0 ? `<font color='red'>${bold ? `**${n}**` : n}</font>` : bold ? `**${n}**` : String(n));

/** A place's children, as counts only: the summary goes to group chats, so it never names a child. */
type Children = {
  listed: number;
  byCategory: Record<string, number>;
  visits: { home: number; phone: number; video: number };
  newAlerts: number;
  alert: number;
  watch: number;
  dropouts: number;
  daily: { due: number; done: number; concerns: number };
  aid: { aided: number; checked: number; mismatches: number };
  unvisited: number;
};

/** The categories as a school's line shortens them (the scope block writes them in full). */
const SHORT_CATEGORY: Record<string, string> = {
  留守儿童: '留守',
  困境儿童: '困境',
  残疾儿童: '残疾',
  脱贫家庭: '脱贫',
  防返贫监测户: '监测户',
};
const visitTotal = (c: Children) => c.visits.home + c.visits.phone + c.visits.video;

/** ▲3 / ▼5 / ＝: a change in percentage points (or counts), against the period before. */
const arrow = (delta: number) => (delta > 0 ? `▲${delta}` : delta < 0 ? `▼${-delta}` : '＝');
const points = (t: { answered: number; expected: number }) => (t.expected === 0 ? 100 : Math.round((t.answered / t.expected) * 100));

/** 核心校/成员校/薄弱校: a school's part in its education group. */
const GROUP_ROLE: Record<string, string> = { core: '核心校', member: '成员校', weak: '薄弱校' };

/** What the bureau summary says. */
export const summaryTexts = {
  title: (campaignTitle: string, period: string, town: string | undefined, school?: string, group?: string) =>
    `${campaignTitle}汇总 · ${period}${group ? ` · ${group}` : ''}${town ? ` · ${town}` : ''}${school ? ` · ${school}` : ''}`,
  subtitle: (due: string, pastDue: boolean, rounds = 1) =>
    rounds > 1 ? `${rounds} 期合计 · 最后一期${pastDue ? `已于 ${due} 截止` : `截止 ${due}`}` : pastDue ? `已于 ${due} 截止` : `截止 ${due}，填报进行中`,
  scopeTotal: (town: Shown | undefined, school?: Shown, group?: Shown) =>
    school ? `${school}合计` : group ? `${group}合计` : town ? `${town}合计` : '全县合计',
  /** The change in completion against the period before, in percentage points. */
  change: (now: { answered: number; expected: number }, before: { answered: number; expected: number } | undefined) =>
    before === undefined || before.expected === 0 ? '' : ` ${arrow(points(now) - points(before))}`,
  changeAgainst: (now: { answered: number; expected: number }, before: { answered: number; expected: number }, period: string) =>
    before.expected === 0 ? '' : `较 ${period} ${arrow(points(now) - points(before))} 个百分点`,
  countChange: (now: number, before: number) => arrow(now - before),
  onTime: (t: { answered: number; late: number }) => `按时 ${t.answered - t.late}${t.late > 0 ? ` · 逾期 ${t.late}` : ''}`,
  groupRole: (role: string | null | undefined) => (role ? `〔${GROUP_ROLE[role] ?? role}〕` : ''),
  /** The principals' reports of the period, on a teachers' card. */
  reports: {
    totals: (titles: string[], t: { expected: number; answered: number; late: number }) =>
      `**校长报告**（${titles.join('、')}）：按时 **${t.answered - t.late}** · 逾期 **${t.late}** · 未交 **${t.expected - t.answered}**`,
    mark: (t: { expected: number; answered: number; late: number }) =>
      t.expected === 0 ? '' : t.answered < t.expected ? ' · 校长报告⏳' : t.late > 0 ? ' · 校长报告🕒' : ' · 校长报告✅',
  },
  extremes: {
    worst: (lines: string[]) => `**最需关注**：${lines.join('；')}`,
    best: (lines: string[]) => `**完成最好**：${lines.join('；')}`,
    item: (name: Shown, t: { answered: number; expected: number }) => `${name} ${points(t)}%`,
  },
  pages: {
    previous: '上一页',
    next: '下一页',
    of: (page: number, pages: number) => `第 ${page}/${pages} 页`,
    schoolsHeading: (from: number, to: number, total: number) => `**各学校**（第 ${from}–${to} 所，共 ${total} 所）`,
    gone: '这张汇总卡已过期，请重新发送「汇总」。',
  },
  charts: {
    completionTitle: (unit: '镇街' | '学校', shown: number, total: number) =>
      shown < total ? `填报率最低的 ${shown} 个${unit}（%，共 ${total} 个）` : `各${unit}填报率（%）`,
    trendTitle: (n: number) => `近 ${n} 期填报率（%）`,
    completed: '填报率',
    onTime: '按时率',
  },
  changeLegend: '▲/▼ 为填报率较上期变化（百分点）。',
  totals: (t: Tally, columns: Column[]) =>
    [`已填报 **${t.answered}/${t.expected}** 人（${percent(t.answered, t.expected)}）`, ...columns.map((c) => `${c.label} **${t.sums[c.name] ?? 0}**`)].join(' · '),
  schoolLine: (s: Tally & { school: Shown }, columns: Column[], mark: string) =>
    [`${mark} ${s.school}　${s.answered}/${s.expected} 人`, ...columns.map((c) => `${c.label} ${s.sums[c.name] ?? 0}`)].join(' · '),
  marks: { complete: '✅', inProgress: '⏳', lagging: '🔴' },
  laggingNote: "<font color='red'>已截止未完成</font>",
  legend: (pastDue: boolean) =>
    pastDue ? '✅ 已全部填报　🔴 已截止仍有未填报' : '✅ 已全部填报　⏳ 尚有未填报',
  laggingCount: (n: number) => (n > 0 ? `截止后仍未完成的学校：**${n}** 所` : ''),
  noSchools: '名单里还没有学校。请管理员先导入名单。',
  noSuchRound: (period: string, campaign: string) => `没有「${campaign}」${period} 的填报记录。格式示例：汇总 2026-12、汇总 ${campaign} 2026-12`,
  noRoundYet: (campaign: string) => `「${campaign}」还没有开始过填报，填报开始后即可汇总。`,
  /** The command that shows a campaign's round: what escalations tell the bureau to send. */
  command: (campaign: string, period: string) => `汇总 ${campaign} ${period}`,
  unknownCampaign: (word: string, titles: string[]) => `没有找到填报项目「${word}」。可选：${titles.join('、')}。`,
  ambiguousCampaign: (word: string, titles: string[]) =>
    `含「${word}」的填报项目有 ${titles.length} 个：${titles.join('、')}。请写完整，例如「汇总 ${titles[0]}」。`,
  unknownTown: (town: string, towns: string[]) =>
    `没有找到「${town}」。可选镇街：${towns.slice(0, MAX_LISTED_TOWNS).join('、') || '（名单为空）'}` +
    `${towns.length > MAX_LISTED_TOWNS ? ` 等 ${towns.length} 个` : ''}；也可以写学校名。`,
  ambiguousSchool: (school: string, towns: string[]) =>
    `有 ${towns.length} 所学校叫「${school}」（${towns.join('、')}）。请写上镇街，例如「汇总 ${towns[0]} ${school}」。`,
  ambiguousPart: (part: string, names: string[]) =>
    `名字含「${part}」的有 ${names.length} 处：${names.slice(0, MAX_LISTED_TOWNS).join('、')}${names.length > MAX_LISTED_TOWNS ? ' 等' : ''}。请写得更完整一些，例如「汇总 ${names[0]!.replace(/（.*）$/, '')}」。`,
  badArgs:
    '用法：汇总 [项目] [月份] [镇街] [学校]，例如「汇总」「汇总 2026-12」「汇总 横渠镇」「汇总 2026-12 横渠镇」「汇总 学校名」「汇总 月有安排」「汇总 月有安排 12月 横渠镇」。',
  /** A principals' campaign: per school, whether its principal filed, on time or late. */
  principals: {
    totals: (t: Filed) =>
      `校长已填报 **${t.answered}/${t.expected}** 人（${percent(t.answered, t.expected)}）${t.late > 0 ? ` · 其中逾期 **${t.late}** 人` : ''}`,
    townTotals: (t: Filed) => `已填报 ${t.answered}/${t.expected}${t.late > 0 ? `（逾期 ${t.late}）` : ''}`,
    marks: { onTime: '✅', late: '🕒', missing: '⏳', missingPastDue: '🔴', nobody: '➖' },
    status: (s: Filed) =>
      s.expected === 0
        ? '名单中没有校长'
        : s.expected > 1
          ? `${s.answered}/${s.expected} 人已填报${s.late > 0 ? `（逾期 ${s.late}）` : ''}`
          : s.answered === 0
            ? '未填报'
            : s.late > 0
              ? '逾期填报'
              : '按时填报',
    schoolLine: (mark: string, school: Shown, status: string) => `${mark} ${school}　${status}`,
    missingHeading: (pastDue: boolean, n: number) => (pastDue ? `**已截止仍未填报的学校**（共 ${n} 所）` : `**尚未填报的学校**（共 ${n} 所）`),
    missingName: (s: { school: Shown; town: Shown }) => `${s.school}（${s.town}）`,
    allFiled: '各校校长均已填报。',
    legend: (pastDue: boolean) => `✅ 按时填报　🕒 逾期填报　${pastDue ? '🔴 已截止未填报' : '⏳ 尚未填报'}`,
    townLine: (name: Shown, t: Filed) => `${name}　${t.answered}/${t.expected} 人（${percent(t.answered, t.expected)}）${t.late > 0 ? ` · 逾期 ${t.late}` : ''}`,
  },
  /** The students' numbers (特殊群体学生, 家访, 预警): counts only, never a child's name or number. */
  children: {
    /** The scope's block under its totals; every category, zeros included, so a reader sees what is counted. */
    scope: (month: string, c: Children, aidTerm?: string) =>
      [
        `**学生情况**（在校学生；家访为 ${month} 的记录）`,
        `特殊群体学生 **${c.listed}** 人：${Object.entries(c.byCategory).map(([name, n]) => `${name} ${n}`).join(' · ')}`,
        `家访 **${visitTotal(c)}** 次：入户 ${c.visits.home} · 电话 ${c.visits.phone} · 视频 ${c.visits.video}`,
        `预警 **${c.alert}** 人 · 关注 **${c.watch}** 人 · 重点学生本期未家访 **${c.unvisited}** 人 · 本期新增预警 **${c.newAlerts}** 人`,
        `控辍保学：未结案 ${dropoutCount(c.dropouts, true)} 件（目标为 0）`,
        ...(c.daily.due > 0 ? [`每天一问：已问 **${c.daily.done}/${c.daily.due}** 次 · 需关注 **${c.daily.concerns}** 次`] : []),
        ...(c.aid.aided > 0
          ? [`资助核查${aidTerm ? `（${aidTerm}）` : ''}：已核查 **${c.aid.checked}/${c.aid.aided}** 名受资助学生（${percent(c.aid.checked, c.aid.aided)}） · 不符 **${c.aid.mismatches}** 人`]
          : []),
      ].join('\n'),
    /** A town's or a school's line under its own: only the categories it has. */
    line: (c: Children) => {
      const categories = Object.entries(c.byCategory)
        .filter(([, n]) => n > 0)
        .map(([name, n]) => `${SHORT_CATEGORY[name] ?? name} ${n}`);
      return (
        `　学生：特殊群体 ${c.listed}${categories.length > 0 ? `（${categories.join(' · ')}）` : ''}` +
        ` · 家访 入户 ${c.visits.home} / 电话 ${c.visits.phone} / 视频 ${c.visits.video}` +
        ` · 预警 ${c.alert} · 关注 ${c.watch} · 未家访 ${c.unvisited}${c.newAlerts > 0 ? ` · 新增预警 ${c.newAlerts}` : ''}` +
        (c.dropouts > 0 ? ` · 辍学 ${dropoutCount(c.dropouts, false)}` : '') +
        (c.daily.due > 0 ? ` · 每天一问 ${c.daily.done}/${c.daily.due}${c.daily.concerns ? `（需关注 ${c.daily.concerns}）` : ''}` : '') +
        (c.aid.aided > 0 ? ` · 资助核查 ${c.aid.checked}/${c.aid.aided}${c.aid.mismatches ? `（不符 ${c.aid.mismatches}）` : ''}` : '')
      );
    },
    /** What a compact card's town line adds: the two numbers that call for action. */
    compactSuffix: (c: Children) => ` · 学生预警 ${c.alert} · 未家访 ${c.unvisited}${c.dropouts > 0 ? ` · 辍学 ${dropoutCount(c.dropouts, false)}` : ''}`,
    legend: '学生数只计在校学生；重点学生指特殊群体学生和关注、预警学生，未家访指本期没有家访记录。',
  },
  /** A town's bold heading in the card. */
  townHeading: (name: Shown) => `**${name}**`,
  /** The compact card, when every school does not fit in one card. */
  compact: {
    townsHeading: (shown: number, total: number) =>
      shown < total ? `**各镇街**（共 ${total} 个，按填报率从低到高列出 ${shown} 个）` : `**各镇街**（共 ${total} 个，按填报率从低到高）`,
    laggingHeading: (pastDue: boolean, total: number) =>
      pastDue ? `**已截止仍未完成的学校**（共 ${total} 所，按填报率从低到高）` : `**填报率最低的学校**（尚未完成 ${total} 所）`,
    townLine: (name: Shown, t: Tally, columns: Column[]) =>
      [`${name}　${t.answered}/${t.expected} 人（${percent(t.answered, t.expected)}）`, ...columns.map((c) => `${c.label} ${t.sums[c.name] ?? 0}`)].join(' · '),
    schoolLine: (s: Tally & { school: Shown; town: Shown }, mark: string) =>
      `${mark} ${s.school}（${s.town}）　${s.answered}/${s.expected} 人（${percent(s.answered, s.expected)}）`,
    more: (n: number, unit: '个镇街' | '所学校') => `……另有 ${n} ${unit}未列出`,
    drillDown: '学校太多，卡片只列出一部分。发送「汇总 镇街名」或「汇总 学校名」查看明细。',
  },
};

const MAX_LISTED_TOWNS = 30;
const percent = (a: number, b: number) => (b === 0 ? '—' : `${Math.round((a / b) * 100)}%`);
