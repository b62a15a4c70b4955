/**
 * What `npm run cli` says, in Simplified Chinese like the bot. Command names, flags, campaign
 * codes and JSON field names stay as typed. (import-roster has a text module of its own.)
 */

const run = 'npm run cli --';
const usageLine = (usage: string) => `用法：${run} ${usage}`;
const badInstant = (value: string | undefined) => `--at 须为 ISO-8601 时刻，例如 2026-12-01T09:00:00+08:00（收到「${value ?? ''}」）`;

export const cliTexts = {
  usage: usageLine,
  usageHeader: `用法：${run} 命令 [参数]`,
  helpFooter: `看某个命令的详细说明：${run} 命令 --help`,
  unknownCommand: (name: string) => `没有「${name}」这个命令。`,
  badArgs: (detail: string) => `参数有误（${detail}）`,
  configInvalid: (problems: string[]) => ['配置有误，请检查环境变量：', ...problems.map((p) => `  - ${p}`)].join('\n'),
  databaseInUse: (dataDir: string, holder: number) =>
    `内置数据库 ${dataDir} 正被进程 ${holder} 使用（多半是运行中的 npm start）。请先停止它，或让两者都用 DATABASE_URL 连接同一个 Postgres。`,
};

export const migrateTexts = {
  summary: '执行数据库迁移（服务器启动时也会执行）',
  done: (kind: string) => `数据库迁移已完成（${kind}）`,
};

export const seedDemoTexts = {
  summary: '载入演示县（眉县 8 个镇街、16 所示例学校、一个教体局群，以及 2026–27 学年的示例校历）',
  done: (r: { towns: number; schools: number; created: number; updated: number; unchanged: number; students: number }) =>
    `演示县已载入：${r.towns} 个镇街、${r.schools} 所学校；人员新增 ${r.created}、更新 ${r.updated}、未变 ${r.unchanged}；示例学生新增 ${r.students}`,
  calendar: (periods: number) =>
    periods > 0
      ? `校历：已存入 2026–27 学年的示例学期和假期（${periods} 段，名称带“示例”）；请换成本县的（calendar remove-period 名称，再 add-term、add-vacation）`
      : '校历：已有学期或假期，保持不变',
};

export const generateTexts = {
  summary: '向空数据库写入合成地区（名单、N 年的月度各期和填报），用于试用和性能测试；--force 先清空已有名单',
  badScale: (scales: string[]) => `规模须为 ${scales.join(', ')} 之一`,
  badYears: '--years 须为 1 到 10 的整数',
  badSeed: '--seed 须为 0 到 2^31 的整数',
  badAt: '--at 须为 ISO-8601 时刻',
  nothingWritten: (reason: string) => `generate：未写入任何数据：${reason}`,
  rosterExists: '数据库里已有名单：要替换请加 --force（会删除名单、各期和填报）',
  removed: 'generate：已删除原有名单、各期和填报',
  rosterWritten: 'generate：名单和各期已写入',
  /** The storage layer reports progress in English log words; the CLI shows these instead. */
  progress: { 'generate: round written': 'generate：已写入一期', 'generate: indexes rebuilt': 'generate：索引已重建' } as Record<string, string>,
};

export const tickTexts = {
  summary: '在某一时刻（默认现在）运行一次调度，发出到那时该发的消息，然后退出',
  badAt: badInstant,
  sandboxNoServer: (url: string) =>
    `沙盒模式：消息由运行中的服务器（npm start）发送，${url} 上没有服务器在运行，本次排队的消息会在它启动后发出。` +
    `服务器运行时，可用 curl -XPOST ${url}/sandbox/tick 代替本命令。`,
  deliveryLeftToServer: '留给服务器发送（沙盒模式，服务器未运行）',
  deliveryLeftToSender: '留给正在运行的发送方发送',
};

export const exportTexts = {
  summary: '把某一期的每份填报导出为 CSV（checkins 即每月动态监测），可直接用 Excel 打开',
  help: [
    usageLine('export checkins|responses [--campaign CODE] --period PERIOD [--with-notes]'),
    usageLine('export checkins|responses [--campaign CODE] [--period PERIOD] --format xlsx --out FILE [--town 镇街] [--school 学校] [--with-names]'),
    '',
    '把某一期的每份填报输出为 CSV（每份一行）到 stdout，例如：',
    `  ${run} export checkins --period 2026-12 > 2026-12.csv`,
    '  checkins          每月动态监测（monthly-monitoring）',
    '  responses         任一填报事项，须加 --campaign CODE（代码见 campaigns list）',
    '  --period PERIOD   期次，月度事项为 YYYY-MM',
    '  --with-notes      一并导出自由填写的文字栏（备注、安排、计划等）',
    '',
    '文件以 UTF-8 BOM 开头，Excel 和 WPS 打开不会乱码；以 = + - @ 开头的单元格前加 \' ，防止被当作公式执行。',
    '自由填写的文字栏（表单里 type 为 text 的字段，如每月动态监测的 note）可能写有学生姓名，',
    '默认留空（表头不变，列数不变），并在 stderr 提示；确需导出时加 --with-notes，并妥善保管文件。',
    '',
    '--format xlsx --out FILE：写出与聊天里「导出」相同的 Excel 工作簿（汇总、填报明细、家访记录、学生名册、',
    '控辍保学、资助核查、校长报告），例如：',
    `  ${run} export checkins --period 2026-12 --town 横渠镇 --format xlsx --out 2026-12.xlsx`,
    '  --town / --school  只导出一个镇街或一所学校（不写为全部学校）',
    '  --with-names       学生写全名、校内编号，并导出备注、家访发现等文字（默认姓名遮蔽为 张*明，文字留空）',
    '每次导出都记入审计日志。',
  ].join('\n'),
  xlsxWritten: (file: string, rows: Record<string, number>) =>
    `已写出 ${file}：${Object.entries(rows).map(([sheet, n]) => `${sheet} ${n} 行`).join('，')}`,
  namesMasked: '学生姓名已遮蔽、文字栏留空；确需全名请加 --with-names，并妥善保管文件。',
  badFormat: (format: string) => `--format 只支持 xlsx（收到「${format}」）；不加 --format 则输出 CSV`,
  needsOut: '--format xlsx 需要 --out FILE（工作簿不输出到 stdout）',
  noCampaign: (code: string) => `没有代码为 ${code} 的填报事项（${run} campaigns list 可列出全部）`,
  needsCampaign: 'export responses 需要 --campaign CODE',
  freeTextWithheld: (columns: string[]) =>
    `自由填写的文字栏（${columns.join('、')}）可能写有学生姓名，本次导出已留空；确需导出请加 --with-notes。`,
};

export const campaignsTexts = {
  summary: '列出填报事项，以 JSON 输出其定义，或载入修改后的文件（全部成功才生效）',
  active: (active: boolean) => (active ? '启用' : '停用'),
  notJson: (file: string, reason: string) => `${file}：不是可读的 JSON：${reason}`,
  nothingChanged: (file: string, problems: number) => `${file}：未做任何改动，共 ${problems} 处问题：`,
  loaded: (codes: string[]) => `已载入 ${codes.length} 个填报事项：${codes.join(', ')}`,
};

export const calendarTexts = {
  summary: '查看或修改放假、调休上班、学校假期和学期',
  usage: 'calendar list --year YYYY | add-holiday DATE [NAME] | add-workday DATE [NAME] | remove DATE | add-vacation START END NAME | add-term NAME START END | remove-period NAME',
  subcommands: [
    `用法：${run} calendar 子命令`,
    '  list [--year YYYY]               列出该年的放假、调休上班，以及假期和学期',
    '  add-holiday DATE [NAME]          把某天设为放假（如 2026-12-31 元旦调休）',
    '  add-workday DATE [NAME]          把某个周末设为上班（调休）',
    '  remove DATE                      去掉对某天的改动，回到周一至周五上班的规则',
    '  add-vacation START END NAME      添加学校假期（寒假、暑假）',
    '  add-term NAME START END          添加学期（按学期的填报从学期开始算）',
    '  remove-period NAME               删除这个名称的学期或假期（如示例校历的 2026秋季学期(示例)）',
  ].join('\n'),
  noSuchPeriod: (name: string) => `没有名为 ${name} 的学期或假期（calendar list --year YYYY 可查看）`,
  periodRemoved: (name: string) => `已删除 ${name}`,
  beyondOfficial: (lastOfficial: number, year: number) =>
    `官方节假日安排只收录到 ${lastOfficial} 年。${year} 年的放假和调休请在国务院公布后用 ` +
    'calendar add-holiday DATE NAME 和 calendar add-workday DATE NAME 逐日添加；在此之前只按周一至周五上班计。',
  day: (d: { date: string; weekday: string; holiday: boolean; name: string; provisional: boolean }) =>
    `${d.date} ${d.weekday} ${d.holiday ? '放假' : '上班'} ${d.name}${d.provisional ? '（暂定）' : ''}`,
  period: (p: { startsOn: string; endsOn: string; term: boolean; name: string }) => `${p.startsOn}..${p.endsOn} ${p.term ? '学期' : '假期'} ${p.name}`,
  endBeforeStart: '结束日期不能早于开始日期',
  periodAdded: (p: { term: boolean; name: string; startsOn: string; endsOn: string }) => `已添加${p.term ? '学期' : '假期'} ${p.name}：${p.startsOn}..${p.endsOn}`,
  dayChanged: (op: 'add-holiday' | 'add-workday' | 'remove', date: string) =>
    op === 'add-holiday' ? `已把 ${date} 设为放假` : op === 'add-workday' ? `已把 ${date} 设为上班` : `已去掉对 ${date} 的改动`,
};

export const statusTexts = {
  summary: '接下来排定的事项：各期开始填报和提醒，按本地时间',
  help: [
    usageLine('status [--at ISO-8601] [--json]'),
    '',
    '列出接下来排定的事项：每个填报事项下一期开始填报的时间，以及当前这一期还没发的提醒，按本地时间排序。',
    '  --at ISO-8601   从这个时刻往后看（默认现在）',
    '  --json          在 stdout 输出一个 JSON 文档（供脚本使用），时刻均为带时区偏移的 ISO-8601：',
    '    {"at": "2026-11-18T10:00:00+08:00", "timezone": "Asia/Shanghai", "events": [',
    '      {"at": "2026-12-01T09:00:00+08:00", "campaign": "monthly-monitoring", "kind": "opens",',
    '       "period": "2026-12", "dueAt": "2026-12-25T18:00:00+08:00"},',
    '      {"at": "…", "campaign": "…", "kind": "reminder", "period": "2026-11", "step": "due-3d",',
    '       "to": "principals"}]}',
    '    to 为 respondents（填报人本人）或 principals（校长）。',
  ].join('\n'),
  badAt: badInstant,
  opens: (period: string, due: string) => `开始填报 ${period}（截止 ${due}）`,
  reminder: (step: string, period: string, to: string) => `提醒 ${step}：${period} 期，发给${to === 'principals' ? '校长' : '填报人'}`,
  nothingScheduled: '近期没有排定的事项',
};

export const outboxTexts = {
  summary: '按状态统计待发消息，列出最早待发的一条和死信；retry ID 把一条死信重新排队',
  help: [
    usageLine('outbox [--json] | outbox retry ID'),
    '',
    '按状态统计发往飞书的消息，列出最早待发的一条和死信（重试后仍发不出的，最多 20 条）。',
    '  retry ID   把编号为 ID 的死信重新排队，立即可发',
    '  --json     在 stdout 输出一个 JSON 文档（供脚本使用），时刻均为带时区偏移的 ISO-8601：',
    '    {"byState": {"pending": 3, "sending": 0, "sent": 120, "dead": 1},',
    '     "oldestPending": {"id": 7, "key": "…", "kind": "prompt", "notBefore": "2026-12-01T09:00:00+08:00",',
    '                       "attempts": 2, "lastError": "…", "failingSince": "…"} 或 null,',
    '     "dead": [{"id": 5, "key": "…", "kind": "…", "lastError": "…"}]}',
  ].join('\n'),
  retryUsage: `用法：${run} outbox retry ID（ID 为 outbox 列出的死信编号）`,
  notDead: (id: number) => `第 ${id} 条不是死信，未做任何改动`,
  requeued: (id: number) => `第 ${id} 条已重新排队`,
  byState: (n: { pending: number; sending: number; sent: number; dead: number }) =>
    `待发送 ${n.pending}  发送中 ${n.sending}  已发送 ${n.sent}  死信 ${n.dead}`,
  oldest: (o: { id: number; kind: string; due: string; attempts: number; lastError: string | null; failingSince: string | null }) =>
    `最早待发：#${o.id} ${o.kind}，应发时间 ${o.due}，已尝试 ${o.attempts} 次` +
    (o.lastError ? `，上次错误：${o.lastError}` : '') +
    (o.failingSince ? `，自 ${o.failingSince} 起持续失败` : ''),
  nothingWaiting: '没有待发送的消息',
  dead: (d: { id: number; kind: string; key: string; lastError: string | null }) => `死信 #${d.id} ${d.kind} ${d.key}：${d.lastError ?? ''}`,
};

export const assessmentCliTexts = {
  summary: '写出年度督查考核 Excel（总分与名次、子项得分、扣分明细），与聊天里的「考核」相同',
  help: [
    usageLine('assessment [YEAR] --out FILE'),
    '',
    '把某一年各校的督查得分写成 Excel 工作簿，供年终考核使用，例如：',
    `  ${run} assessment 2026 --out 2026考核.xlsx`,
    '  总分       名次（同分同名次，如 1、1、3）、镇街、学校、总分和各大项得分',
    '  子项得分   每校每个子项的分值、得分、计分方式和得分依据',
    '  扣分明细   每校每个失分子项：失分、督查扣分原因（原文）/ 数据 / 佐证状态、整改要求',
    '不写 YEAR 时：一至三月为上一年，其余月份为今年（截至今天），与「排名」相同。只含学校和分数，不含学生信息。',
  ].join('\n'),
  needsOut: 'assessment 需要 --out FILE（工作簿不输出到 stdout）',
  badYear: (value: string) => `YEAR 须为四位年份，例如 2026（收到「${value}」）`,
  notBegun: (year: number) => `${year} 年还没开始，没有可考核的结果`,
};
