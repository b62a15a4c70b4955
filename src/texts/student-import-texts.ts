/** What `import-students` tells the admin: the command's own lines and every problem found in a student file. */
export const studentImportTexts = {
  usage: 'import-students 学生.csv|学生.xlsx [--prune]',
  summary:
    '导入特殊群体学生名单：.xlsx（第一个工作表）或 CSV（UTF-8、GBK、UTF-16 自动识别）；表头 学校,班级,姓名,校内编号,类别,资助[,帮扶教师open_id] 或 school,class,name,student_no,categories,aid[,mentor_open_id]；不得含身份证号或学籍号；--prune 把文件中没有的学生标记为离校（保留记录）',
  usageLine: (usage: string) => `用法：npm run cli -- ${usage}`,
  nothingImported: (file: string, problems: number) => `${file}：未导入任何学生，发现 ${problems} 个问题：`,
  problemLine: (line: number, reason: string) => `  第 ${line} 行：${reason}`,
  refused: (file: string, why: string) => `${file}：未导入任何学生：${why}`,
  imported: (r: { rows: number; created: number; updated: number; unchanged: number; markedLeft: number }) =>
    `已导入 ${r.rows} 名学生：新增 ${r.created}，更新 ${r.updated}，未变 ${r.unchanged}，标记离校 ${r.markedLeft}`,
  /** The audit row's detail: what an auditor reads later. */
  auditDetail: (r: { rows: number; created: number; updated: number; unchanged: number; markedLeft: number; prune: boolean }) =>
    `命令行导入学生名单 ${r.rows} 行：新增 ${r.created}，更新 ${r.updated}，未变 ${r.unchanged}，标记离校 ${r.markedLeft}${r.prune ? '（--prune）' : ''}`,

  // Problems in the file; each is shown after 「第 N 行：」.
  emptyFile: (columns: string) => `文件为空：缺少表头 ${columns}`,
  noDataRows: '学生名单没有数据行',
  missingColumns: (missing: string, columns: string) =>
    `表头缺少必需列：${missing}（需要 ${columns}，或中文表头 学校,班级,姓名,校内编号,类别,资助,帮扶教师open_id）`,
  duplicateColumns: (columns: string) => `表头列重复：${columns}`,
  idColumn: (column: string) =>
    `${column}看起来是身份证号或学籍号。为保护学生隐私，本系统不保存身份证号和学籍号（学籍号含身份证号），请删除这一列后再导入；学生用校内编号识别`,
  idCell: (column: string) =>
    `${column}中有像身份证号或学籍号的内容（18 位号码）。本系统不保存身份证号和学籍号，请删除后再导入；学生用校内编号识别`,
  columnNamed: (position: number, header: string) => (header === '' ? `第 ${position} 列` : `第 ${position} 列「${header}」`),
  missing: (column: string) => `缺少${column}`,
  markupIn: (column: string, value: string) => `${column}「${value}」不能含有 <、>、[文字](链接) 这样的标记或网址`,
  spaceIn: (column: string, value: string) => `${column}「${value}」中含有空格`,
  unknownCategory: (value: string, allowed: string) => `未知类别「${value}」，应为 ${allowed} 中的一个或几个（用 | 或 、 分隔）`,
  unknownAid: (value: string, allowed: string) => `未知资助项目「${value}」，应为 ${allowed} 中的一个或几个（用 | 或 、 分隔）`,
  duplicateStudent: (school: string, studentNo: string, first: number) => `学校「${school}」的校内编号「${studentNo}」与第 ${first} 行重复`,
  unknownSchool: (school: string) => `没有名为「${school}」的学校（学校须先用 import-roster 导入名册；名称须与名册一致）`,
  unknownTownSchool: (town: string, school: string) => `镇街「${town}」没有名为「${school}」的学校（学校须先用 import-roster 导入名册）`,
  ambiguousSchool: (school: string, towns: string) => `「${school}」在多个镇街都有（${towns}），请写成 镇街/学校名，如「${towns.split('、')[0]}/${school}」`,
  unknownMentor: (openId: string) => `帮扶教师 open_id「${openId}」不在名册中`,
  inactiveMentor: (openId: string, name: string) => `帮扶教师「${name}」（${openId}）已停用`,
  mentorNotTeacher: (openId: string, name: string) => `「${name}」（${openId}）不是教师或校长，不能担任帮扶教师`,
  mentorOfOtherSchool: (openId: string, name: string, school: string) => `帮扶教师「${name}」（${openId}）不是「${school}」的教师或校长`,

  // Column names as the admin may write them, for messages.
  columnLabels: {
    school: 'school（学校）',
    class: 'class（班级）',
    name: 'name（姓名）',
    student_no: 'student_no（校内编号）',
    categories: 'categories（类别）',
    aid: 'aid（资助）',
    mentor_open_id: 'mentor_open_id（帮扶教师open_id）',
  } as Record<string, string>,
};
