import type { Shown } from './shown.js';

/** 季通报: the bulletin card, its command and its file. */
export const bulletinTexts = {
  usage: '通报 [季度] [导出]',
  commandSummary: '查看季度督查通报，如「通报 2026Q4」；加「导出」私聊发送 Excel 文件',
  title: (period: string) => `${period}督查通报`,
  /** Plain text (a header): the names go in as written. */
  subtitle: (framework: string, version: string, example: boolean) => `${framework}（${version}）${example ? ' · 示例标准，请教体局替换为本县标准' : ''}`,
  overview: (schools: number, average: number, points: number) => `参评学校 **${schools}** 所 · 平均 **${average}** 分（满分 ${points} 分）`,
  counts: (met: number, lagging: number, line: number) => `全部达标 **${met}** 所 · 落后约谈 **${lagging}** 所（低于满分的 ${line}%）`,
  dropouts: (d: { openAtStart: number; opened: number; returned: number; transferred: number; exempted: number; openAtEnd: number }) =>
    `**辍学动态**：期初在办 ${d.openAtStart} 件 · 新增 ${d.opened} 件 · 复学 ${d.returned} · 转学 ${d.transferred} · 豁免 ${d.exempted} · 期末在办 ${
      d.openAtEnd > 0 ? `<font color='red'>**${d.openAtEnd}**</font>` : `**0**`
    } 件`,
  metHeading: '**全部达标**',
  metNone: '本期没有各项均得满分的学校。',
  metList: (names: Shown[], more: number) => `${names.join('、')}${more > 0 ? ` 等 ${names.length + more} 所` : ''}`,
  laggingHeading: '**落后约谈**',
  laggingNone: '本期没有需要约谈的学校。',
  laggingSchool: (school: Shown, town: Shown, score: number, points: number) => `**${school}**（${town}）<font color='red'>**${score}**</font>/${points} 分`,
  lacking: (code: Shown, name: Shown, lost: number, why: string) => `　· ${code} ${name} 失 ${lost} 分：${why}`,
  laggingMore: (n: number, period: string) => `另有 ${n} 所，详见「通报 ${period} 导出」。`,
  scoresHeading: '**各校得分**（按大项）',
  legend: (items: { mark: string; name: Shown; points: number }[]) => items.map((i) => `${i.mark}${i.name} ${i.points}`).join(' · '),
  schoolLine: (town: Shown, school: Shown, score: number, items: { mark: string; score: number }[]) =>
    `${town} · **${school}** **${score}**　<font color='grey'>${items.map((i) => `${i.mark}${i.score}`).join(' ')}</font>`,
  noSchools: '名册中还没有学校。',
  rules: '督查项按本期督查月份平均扣分，未督查按满分；佐证项以教体局审核通过为准；数据项按 Ducha 记录计算。扣分原因请私聊查看：「排名」中点「查看原因」，或「通报 季度 导出」。',
  teacherRefusal: '督查通报由教体局发布，教师无需操作。',
  principalRefusal: '督查通报由教体局发布；本校的督查扣分和整改要求会私聊发给您，发送「档案」可查看本校佐证。',
  askHere: '通报只在教体局群或私聊中查看，请私聊我发送「通报」。',
  badArgs: '请写季度，例如「通报 2026Q4」「通报 2026年第四季度」；要 Excel 文件写「通报 2026Q4 导出」。',
  pageGone: '通报已无法翻页，请重新发送「通报」。',
  exportQueued: (fileName: Shown, schools: number, lagging: number) =>
    `已生成「${fileName}」：${schools} 所学校的各校得分、落后约谈 ${lagging} 所的全部失分项和原因、辍学动态，文件随后私聊发送。`,
  exportSentPrivately: (fileName: Shown) => `「${fileName}」已私聊发给您，请在与我的私聊中查收。`,
};
