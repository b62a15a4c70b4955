/** What `import-roster` tells the admin: the command's own lines and every problem found in a roster file. */
export const rosterImportTexts = {
  usage: 'import-roster 名册.csv|名册.xlsx [--prune]',
  summary:
    '导入镇街、学校和人员：.xlsx（第一个工作表）或 CSV（UTF-8、GBK、UTF-16 自动识别）；表头 镇街,学校,姓名,角色,open_id[,群id,教育集团,集团角色] 或 town,school,name,role,open_id[,chat_id,education_group,group_role]（群id 可留空：把督查助手加入学校群后在群里确认即可）；没有 open_id 的人员可填 手机号/mobile 或 邮箱/email，导入时向飞书通讯录查询（手机号和邮箱不保存）；角色 老师/校长/教育局/管理员；集团角色 核心校/成员校/薄弱校（须同时填写教育集团）；--prune 停用文件中没有的人员',
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
  missingColumns: (missing: string, columns: string) =>
    `表头缺少必需列：${missing}（需要 ${columns}，或中文表头 镇街,学校,姓名,角色,open_id；没有 open_id 时可用 手机号/mobile 或 邮箱/email 列代替）`,
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
  missingIdentity: '缺少 open_id、手机号（mobile）和邮箱（email），至少填写一项',
  contactNeedsLookup: '用手机号或邮箱标识的人员须向飞书通讯录查到 open_id（import-roster 命令导入时自动查询）',
  notAMobile: (raw: string) =>
    `手机号「${raw}」不是手机号码：应为 11 位大陆手机号（如 138 0013 8000、+86 13800138000），境外号码以 + 和国家或地区代码开头`,
  notAnEmail: (raw: string) => `邮箱「${raw}」不是邮箱地址`,
  mobileLabel: (v: string) => `手机号「${v}」`,
  emailLabel: (v: string) => `邮箱「${v}」`,
  notInDirectory: (name: string, values: readonly string[]) => `飞书通讯录中找不到「${name}」的${values.join('和')}（不在本企业，或不在应用的可用范围内）`,
  mobileAndEmailDisagree: (name: string, mobile: string, email: string) => `「${name}」的手机号「${mobile}」和邮箱「${email}」在飞书通讯录中是两个不同的人`,
  samePersonAs: (from: string, openId: string, first: number) => `${from}对应的飞书用户（open_id「${openId}」）与第 ${first} 行是同一人`,
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

  // Looking people up in Lark's contact directory (contact/v3/users/batch_get_id).
  notFoundHint: (count: number) =>
    `有 ${count} 人在飞书通讯录中找不到。请核对手机号或邮箱是否是此人登录飞书所用的（企业邮箱查不到）；` +
    '此人在本企业时，请把此人（或其部门）加入应用的可用范围：开发者后台 › 应用发布 › 版本管理与发布 › 创建版本 › 可用范围，保存并发布新版本；' +
    '若 开发配置 › 权限管理 › 数据权限 中的通讯录权限范围不是“与应用的可用范围一致”，此人也须在其中。',
  sandboxDirectoryHint: '（沙箱模式：沙箱的通讯录是演示县的人员，手机号 1380000xxxx，邮箱 <open_id 去掉 ou_demo_>@example.edu.cn；POST /sandbox/users 可添加人员）',
  noSandbox: (rows: number, url: string) =>
    `${rows} 行用手机号或邮箱标识人员，须向飞书通讯录查询 open_id，但没有配置飞书应用（LARK_APP_ID 等），本机 ${url} 上也没有运行中的沙箱。` +
    '请配置飞书应用；或先启动沙箱：npm start（沙箱模式；PGlite 的数据目录同一时间只能由一个进程打开，请改用 Postgres），或 npm run sandbox 并按它打印的 LARK_* 设置运行本命令。',
  noContactPermission: (detail: string) =>
    `应用没有“通过手机号或邮箱获取用户 ID”的权限（contact:user.id:readonly）：请在开发者后台 › 开发配置 › 权限管理 中开通，并发布新版本后再导入（飞书答复：${detail}）`,
  larkUnreachable: (detail: string) => `无法连接飞书通讯录接口（${detail}）`,
  lookupFailed: (detail: string) => `飞书通讯录接口出错（${detail}），请稍后再试`,
};

/** Why a file the CLI reads could not be turned into text. */
export const textFileTexts = {
  cannotRead: (why: string) => `无法读取文件：${why}`,
  noSuchFile: '文件不存在',
  notText:
    '无法识别文件编码：既不是 UTF-8（可带 BOM），也不是带 BOM 的 UTF-16，也不是 GBK/GB18030，或者根本不是文本文件。请在 Excel 或 WPS 中另存为“CSV UTF-8”或 .xlsx 后再试。',
};
