/** What `audit` and `purge` tell the admin, and what their own audit rows say. */

const usageLine = (usage: string) => `用法：npm run cli -- ${usage}`;

export const auditTexts = {
  usage: 'audit --student 学校/校内编号 | --person OPEN_ID [--since YYYY-MM-DD] [--json]',
  summary: '查阅审计记录：某个学生的全部记录，或某人自某日起的全部操作（按时间先后）；查阅本身也记入审计',
  help: [
    usageLine('audit --student 学校/校内编号 | --person OPEN_ID [--since YYYY-MM-DD] [--json]'),
    '',
    '  --student 学校/校内编号   某个学生的全部审计记录；学校名与名册一致，两个镇街有同名学校时写 镇街/学校/校内编号',
    '  --person OPEN_ID         某人的全部操作（停用的人员也可查）',
    '  --since YYYY-MM-DD       只看这一天（本地时间）起的记录',
    '  --json                   每行一个 JSON 对象（at、personName、personOpenId、role、action、channel、chatId、detail、studentId、schoolName、studentNo、studentName；姓名已掩码），供脚本使用',
    '',
    '每行：时间  操作人（open_id）  角色  操作  学生（学校/校内编号 掩码姓名）  渠道  说明。每次查阅都会写入一条审计记录。',
  ].join('\n'),
  usageLine,
  needsOneOf: '请给出 --student 学校/校内编号 或 --person OPEN_ID 中的一个',
  badStudentRef: (value: string) => `--student 须为 学校/校内编号 或 镇街/学校/校内编号（收到「${value}」）`,
  badSince: (value: string) => `--since 须为 YYYY-MM-DD 日期，例如 2026-09-01（收到「${value}」）`,
  unknownSchool: (school: string) => `没有名为「${school}」的学校（名称须与名册一致）`,
  unknownTownSchool: (town: string, school: string) => `镇街「${town}」没有名为「${school}」的学校`,
  ambiguousSchool: (school: string, towns: string) => `「${school}」在多个镇街都有（${towns}），请写成 镇街/学校/校内编号，如「${towns.split('、')[0]}/${school}/…」`,
  unknownStudent: (school: string, studentNo: string) => `「${school}」没有校内编号为「${studentNo}」的学生`,
  unknownPerson: (openId: string) => `名册中没有 open_id 为「${openId}」的人员`,
  nothingFound: '没有审计记录',
  cliActor: '命令行',
  noStudent: '—',
  actions: {
    read_student: '查看学生',
    record_visit: '记录家访',
    alert_change: '预警变化',
    notify_alert: '预警提醒',
    import_students: '导入学生',
    purge: '删除过期记录',
    read_audit: '查阅审计',
    assign_mentor: '帮扶指定',
    daily_check: '每天一问',
    dropout_change: '辍学案例变化',
    aid_check: '资助核查',
    notify_aid: '资助核查提醒',
    read_aid: '查看资助核查',
    verify_aid: '资助核实',
    export_students: '导出 Excel',
    inspection_score: '督查评分',
    inspection_correction: '督查更正',
    inspection_rectification: '督查整改回复',
    evidence_review: '资料审核',
    evidence_view: '查看资料',
    bind_chat: '绑定群',
    add_teacher: '添加老师',
  } as Record<string, string>,
  channels: { chat: '聊天', card: '卡片', cli: '命令行' } as Record<string, string>,
  /** The audit row of a reading: what was looked at, never what was shown. */
  readDetail: (what: string, since: string | null) => `命令行查阅审计记录：${what}${since ? `，自 ${since} 起` : ''}`,
  readOfStudent: (school: string, studentNo: string) => `学生 ${school}/${studentNo}`,
  readOfPerson: (name: string, openId: string) => `${name}（${openId}）的操作`,
};

export const purgeTexts = {
  usage: 'purge --before YYYY-MM-DD [--dry-run]',
  summary: '按保存期限清除某日之前的敏感内容（家访情况和措施、已解除预警的原因、离校学生的姓名和编号），保留记录行和统计；--dry-run 只报告数量',
  help: [
    usageLine('purge --before YYYY-MM-DD [--dry-run]'),
    '',
    '在一个事务里（个人信息保护法的保存期限）：',
    '  • 家访日期早于该日的家访：清空情况和措施（记录行、方式、风险、日期、教师和学生保留，按方式和月份的统计不变）',
    '  • 早于该日、且学生现已是「正常」的预警变化：清空原因（仍在预警或关注中的学生保留原因）',
    '  • 该日之前离校的学生：其全部家访和预警变化同上清空；学生姓名改为「已删除」、校内编号改为「已删除-编号」、清除帮扶教师（学校、班级、类别、资助保留）',
    '日期为本地日期，不能晚于今天。清除写入一条审计记录；--dry-run 只报告将清除的数量，不做任何更改。',
  ].join('\n'),
  usageLine,
  badBefore: (value: string) => `--before 须为 YYYY-MM-DD 日期，例如 2024-09-01（收到「${value}」）`,
  futureBefore: (value: string, today: string) => `--before ${value} 晚于今天（${today}），不能清除未来的记录`,
  dryRun: (before: string, c: { visits: number; alertChanges: number; students: number }) =>
    `试运行，未做任何更改。将清除 ${before} 之前的记录：家访 ${c.visits} 条，预警变化 ${c.alertChanges} 条，离校学生 ${c.students} 名`,
  purged: (before: string, c: { visits: number; alertChanges: number; students: number }) =>
    `已清除 ${before} 之前的记录：家访 ${c.visits} 条，预警变化 ${c.alertChanges} 条，离校学生 ${c.students} 名`,
  /** The purge's audit row. */
  auditDetail: (before: string, c: { visits: number; alertChanges: number; students: number }) =>
    `命令行清除 ${before} 之前的记录：家访 ${c.visits} 条，预警变化 ${c.alertChanges} 条，离校学生 ${c.students} 名`,
};
