/** What `npm run cli -- framework` says (指标体系). Codes, formula names and JSON fields stay as typed. */

const run = 'npm run cli --';

const scoringLabels: Record<'data' | 'inspection' | 'evidence', string> = { data: '数据', inspection: '督查打分', evidence: '佐证资料' };

/**
 * What each formula counts, in the bureau's words: one per `dataFormulas` in
 * model/framework-definition.ts, where the rules are documented (a unit test keeps them in step).
 */
export const formulaLabels: Readonly<Record<string, string>> = {
  open_dropouts_zero: '辍学清零',
  aid_check_coverage: '资助排查覆盖率',
  visits_per_at_risk: '重点学生走访',
  checkin_completion: '月度填报完成率',
  principal_reports_on_time: '校长按时填报',
  alert_followup: '预警学生跟进',
};

export const frameworkTexts = {
  summary: '载入或查看督查指标体系（大项、子项、分值和计分方式）',
  usage: 'framework load FILE.json|FILE.yaml | framework show [--json]',
  help: [
    `用法：${run} framework 子命令`,
    '  load FILE        载入指标体系文件（JSON，或扩展名为 .yaml/.yml 的 YAML），成为现行版本；',
    '                   全部检查通过才生效，有问题时逐条列出其位置（如 items[2].subItems[0].points）',
    '  show             以表格列出现行指标体系',
    '  show --json      以 JSON 输出：{ "items": [ { "name", "points", "subItems": [ { "code", "name", "points", "scoring" } ] } ] }',
    '',
    '文件格式：version（版本，载入后不可改）、title、example（可选）、items[]：name、points、',
    'subItems[]：code、name、points、scoring（data | inspection | evidence）、formula（仅 data）、guidance（可选）。',
    '每个大项的子项分值之和须等于大项分值；子项编号不可重复。',
    `formula 可选：${Object.keys(formulaLabels).join('、')}`,
  ].join('\n'),
  notJson: (file: string, reason: string) => `${file}：不是可读的 JSON：${reason}`,
  notYaml: (file: string, reason: string) => `${file}：不是可读的 YAML：${reason}`,
  nothingChanged: (file: string, problems: number) => `${file}：未做任何改动，共 ${problems} 处问题：`,
  loaded: (version: string, items: number, subItems: number, points: number) =>
    `已载入指标体系 ${version}：${items} 个大项、${subItems} 个子项，共 ${points} 分；现为现行版本`,
  alreadyLoaded: (version: string, wasActive: boolean) =>
    wasActive ? `指标体系 ${version} 已载入过，内容相同，未做改动` : `指标体系 ${version} 已载入过，内容相同；已重新设为现行版本`,
  versionTaken: (version: string) =>
    `指标体系版本 ${version} 已载入过，且内容不同：已载入的版本不能修改（督查评分引用其子项）。请在文件中改用新的 version 再载入。`,
  noFramework: `尚未载入指标体系：${run} framework load FILE`,
  header: (f: { title: string; version: string; points: number; isExample: boolean }) =>
    `${f.title}（版本 ${f.version}，共 ${f.points} 分）${f.isExample ? '\n这是示例指标体系，请用 framework load 换成本局自己的标准。' : ''}`,
  columns: '大项 · 分值\n  编号\t子项\t分值\t计分方式',
  item: (position: number, name: string, points: number) => `${position}. ${name} · ${points} 分`,
  subItem: (s: { code: string; name: string; points: number; scoring: keyof typeof scoringLabels; formula: string | null }) =>
    `  ${s.code}\t${s.name}\t${s.points}\t${scoringLabels[s.scoring]}${s.formula ? `（${formulaLabels[s.formula] ?? s.formula}：${s.formula}）` : ''}`,
};
