/** What `import-roster` tells the admin: the command's own lines and every problem found in a roster file. */
export const rosterImportTexts = {
  usage: 'import-roster 名册.csv|名册.xlsx [--prune]',
  summary:
    '导入镇街、学校和人员：.xlsx（第一个工作表）或 CSV（UTF-8、GBK、UTF-16 自动识别）；表头 镇街,学校,姓名,角色,open_id[,群id,教育集团,集团角色] 或 town,school,name,role,open_id[,chat_id,education_group,group_role]（群id 可留空：把督查助手加入学校群后在群里确认即可）；角色 老师/校长/教育局/管理员；集团角色 核心校/成员校/薄弱校（须同时填写教育集团）；--prune 停用文件中没有的人员',
  usageLine: (usage: string) => `用法：npm run cli -- ${usage}`,
  nothingImported: (file: string, problems: number) => `${file}：未导入任何内容，发现 ${problems} 个问题：`,
  problemLine: (line: number, reason: string) => `  第 ${line} 行：${reason}`,
  refused: (file: string, why: string) => `${file}：未导入任何内容：${why}`,
  imported: (r: { rows: number; towns: number; schools: number; created: number; updated: number; unchanged: number; deactivated: number }) =>
    `已导入 ${r.rows} 行：${r.towns} 个镇街，${r.schools} 所学校；人员 新增 ${r.created}，更新 ${r.updated}，未变 ${r.unchanged}，停用 ${r.deactivated}`,
  oldXls: '这是旧版 Excel 工作簿（.xls），无法直接读取。请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）或 CSV 后再导入。',
  badXlsx: (why: string) => `无法读取这个 .xlsx 工作簿（${why}）。请确认它是 Excel 或 WPS 保存的 .xlsx 文件，或另存为 CSV 后再导入。`,
  noWorksheet: '工作簿里没有工作表',

  // Problems in the file; each is shown after 「第 N 行：」.
  emptyFile: (columns: string) => `文件为空：缺少表头 ${columns}`,
  noDataRows: '名册没有数据行',
  missingColumns: (missing: string, columns: string) => `表头缺少必需列：${missing}（需要 ${columns}，或中文表头 镇街,学校,姓名,角色,open_id）`,
  duplicateColumns: (columns: string) => `表头列重复：${columns}`,
  csvMalformed: (what: string, textLine: number) => `CSV 格式错误：${what}${textLine > 0 ? `（解析器报告在文本第 ${textLine} 行）` : ''}`,
  csvErrors: {
    CSV_QUOTE_NOT_CLOSED: '引号没有闭合',
    INVALID_OPENING_QUOTE: '单元格中间出现了引号',
    CSV_INVALID_CLOSING_QUOTE: '引号闭合后还有多余字符',
  } as Record<string, string>,
  csvUnparsable: (code: string) => `无法解析（${code}）`,
  missingName: '缺少姓名（name）',
  markupIn: (column: string, value: string) => `${column}「${value}」不能含有 <、>、[文字](链接) 这样的标记或网址`,
  missingRole: '缺少角色（role）',
  unknownRole: (role: string) =>
    `未知角色「${role}」，应为 老师/教师、校长、教育局/教体局、管理员（或英文 teacher、principal、bureau、admin）`,
  missingOpenId: '缺少 open_id',
  spaceInOpenId: (openId: string) => `open_id「${openId}」中含有空格`,
  duplicateOpenId: (openId: string, first: number) => `open_id「${openId}」与第 ${first} 行重复`,
  spaceInChatId: (chatId: string) => `chat_id「${chatId}」中含有空格`,
  roleLabels: { teacher: '教师', principal: '校长', bureau: '教体局人员', admin: '管理员' } as Record<string, string>,
  missingTown: '镇街（town）',
  missingSchool: '学校（school）',
  mustFill: (label: string, missing: readonly string[]) => `${label}须填写${missing.join('和')}`,
  filledTown: (v: string) => `town「${v}」`,
  filledSchool: (v: string) => `school「${v}」`,
  filledGroup: (v: string) => `education_group「${v}」`,
  filledGroupRole: (v: string) => `group_role「${v}」`,
  unknownGroupRole: (v: string) => `未知集团角色「${v}」，应为 核心校、成员校、薄弱校（或 核心、成员、薄弱，英文 core、member、weak）`,
  groupRoleWithoutGroup: (v: string) => `填写了集团角色「${v}」，但没有填写教育集团（education_group）`,
  notInSchool: (label: string, filled: readonly string[]) => `${label}不属于学校，须留空：${filled.join('、')}`,
  bureauChatOwner: '教体局',
  schoolChatOwner: (school: string) => `学校「${school}」`,
  chatMismatch: (school: string, chatId: string, line: number, first: string) =>
    `学校「${school}」的 chat_id「${chatId}」与第 ${line} 行的「${first}」不一致`,
  groupMismatch: (school: string, group: string, line: number, first: string) =>
    `学校「${school}」的教育集团「${group || '（空）'}」与第 ${line} 行的「${first || '（空）'}」不一致`,
  groupRoleMismatch: (school: string, role: string, line: number, first: string) =>
    `学校「${school}」的集团角色「${role || '（空）'}」与第 ${line} 行的「${first || '（空）'}」不一致`,
  chatTaken: (chatId: string, line: number, owner: string) => `chat_id「${chatId}」已是第 ${line} 行${owner}的群`,
};

/** Why a file the CLI reads could not be turned into text. */
export const textFileTexts = {
  cannotRead: (why: string) => `无法读取文件：${why}`,
  noSuchFile: '文件不存在',
  notText:
    '无法识别文件编码：既不是 UTF-8（可带 BOM），也不是带 BOM 的 UTF-16，也不是 GBK/GB18030，或者根本不是文本文件。请在 Excel 或 WPS 中另存为“CSV UTF-8”或 .xlsx 后再试。',
};
