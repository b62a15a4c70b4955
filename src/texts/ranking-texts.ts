import type { Shown } from './shown.js';

/** 排名: the schools by total score, and the "why" behind one school's place. */
export const rankingTexts = {
  usage: '排名 [年份|季度]',
  commandSummary: '查看学校督查排名，如「排名 2026」「排名 2026Q4」；每校可点「查看原因」看各大项得分和失分子项',
  title: (period: string) => `${period}学校督查排名`,
  /** Plain text (a header): the names go in as written. */
  subtitle: (framework: string, version: string, example: boolean) => `${framework}（${version}）${example ? ' · 示例标准' : ''}`,
  overview: (schools: number, average: number, points: number) => `参评学校 **${schools}** 所 · 平均 **${average}** 分（满分 ${points} 分）· 分数相同者名次并列`,
  row: (rank: number, tied: boolean, school: Shown, town: Shown, score: number) => `**${tied ? `并列第 ${rank}` : `第 ${rank}`} 名**　${school}（${town}）**${score}** 分`,
  why: '查看原因',
  noSchools: '名册中还没有学校。',
  rules: '按学校督查结果排名，不对教师个人排名；排名只在教体局群和私聊中查看。',
  /** Plain text (a header). */
  whyTitle: (school: string, period: string) => `${school} · ${period}得分说明`,
  whyPlace: (rank: number, tied: boolean, of: number, score: number, points: number) =>
    `总分 **${score}**/${points} 分 · ${tied ? '并列' : ''}第 **${rank}** 名（共 ${of} 所）`,
  item: (mark: string, name: Shown, score: number, points: number) => `**${mark}${name}** ${score}/${points} 分`,
  itemFull: '　全部子项满分',
  lost: (code: Shown, name: Shown, lost: number, why: string) => `　· ${code} ${name} 失 ${lost} 分：${why}`,
  returned: (file: Shown, note: Shown | null) => `　　退回：${file}${note ? `（${note}）` : ''}`,
  shortened: (year: string) => `扣分原因较多，每项只列前 3 处；全部明细见「考核 ${year}」文件。`,
  whySent: '得分说明已私聊发给您。',
  whyGone: '这所学校已不在名册中，请重新发送「排名」。',
  pageGone: '排名已无法翻页，请重新发送「排名」。',
  teacherRefusal: '学校排名由教体局查看；Ducha 不对教师个人排名。',
  principalRefusal: '学校排名由教体局查看；本校的督查扣分和整改要求会私聊发给您，发送「档案」可查看本校佐证。',
  askHere: '排名只在教体局群或私聊中查看，请私聊我发送「排名」。',
  badArgs: '请写年份或季度，例如「排名 2026」「排名 2026Q4」。',
};
