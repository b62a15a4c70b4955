type Column = { name: string; label: string };
type Tally = { answered: number; expected: number; sums: Record<string, number> };

/** What the bureau summary says. */
export const summaryTexts = {
  title: (campaignTitle: string, period: string, town: string | undefined) => `${campaignTitle}汇总 · ${period}${town ? ` · ${town}` : ''}`,
  subtitle: (due: string, pastDue: boolean) => (pastDue ? `已于 ${due} 截止` : `截止 ${due}，填报进行中`),
  scopeTotal: (town: string | undefined) => (town ? `${town}合计` : '全县合计'),
  totals: (t: Tally, columns: Column[]) =>
    [`已填报 **${t.answered}/${t.expected}** 人（${percent(t.answered, t.expected)}）`, ...columns.map((c) => `${c.label} **${t.sums[c.name] ?? 0}**`)].join(' · '),
  schoolLine: (s: Tally & { school: string }, columns: Column[], mark: string) =>
    [`${mark} ${s.school}　${s.answered}/${s.expected} 人`, ...columns.map((c) => `${c.label} ${s.sums[c.name] ?? 0}`)].join(' · '),
  marks: { complete: '✅', inProgress: '⏳', lagging: '🔴' },
  laggingNote: "<font color='red'>已截止未完成</font>",
  legend: (pastDue: boolean) =>
    pastDue ? '✅ 已全部填报　🔴 已截止仍有未填报' : '✅ 已全部填报　⏳ 尚有未填报',
  laggingCount: (n: number) => (n > 0 ? `截止后仍未完成的学校：**${n}** 所` : ''),
  noSchools: '名单里还没有学校。请管理员先导入名单。',
  noSuchRound: (period: string) => `没有 ${period} 的填报记录。格式示例：汇总 2026-12`,
  noRoundYet: '还没有开始过填报，本月填报开始后即可汇总。',
  unknownTown: (town: string, towns: string[]) => `没有找到「${town}」。可选：${towns.join('、') || '（名单为空）'}`,
  badArgs: '用法：汇总 [月份] [镇街]，例如「汇总」「汇总 2026-12」「汇总 横渠镇」「汇总 2026-12 横渠镇」。',
};

const percent = (a: number, b: number) => (b === 0 ? '—' : `${Math.round((a / b) * 100)}%`);
