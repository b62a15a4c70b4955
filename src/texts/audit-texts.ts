/** What `audit` tells the admin, and what its own audit row says. */

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
  } as Record<string, string>,
  channels: { chat: '聊天', card: '卡片', cli: '命令行' } as Record<string, string>,
  /** The audit row of a reading: what was looked at, never what was shown. */
  readDetail: (what: string, since: string | null) => `命令行查阅审计记录：${what}${since ? `，自 ${since} 起` : ''}`,
  readOfStudent: (school: string, studentNo: string) => `学生 ${school}/${studentNo}`,
  readOfPerson: (name: string, openId: string) => `${name}（${openId}）的操作`,
};
