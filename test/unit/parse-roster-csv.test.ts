import { describe, it, expect } from 'vitest';
import { parseRosterCsv } from '../../src/domain/roster/parse-roster-csv.js';
import { normalizeEmail, normalizeMobile } from '../../src/domain/roster/roster-contacts.js';
import { normalizeRosterRole, type RosterProblem } from '../../src/domain/roster/roster-row.js';

const HEADER = 'town,school,name,role,open_id,chat_id';
const csv = (...lines: string[]): string => lines.join('\n') + '\n';

function problemsOf(text: string): RosterProblem[] {
  const result = parseRosterCsv(text);
  if (result.ok) throw new Error(`expected problems, got ${result.rows.length} rows`);
  return result.problems;
}

function rowsOf(text: string) {
  const result = parseRosterCsv(text);
  if (!result.ok) throw new Error(`unexpected problems: ${JSON.stringify(result.problems)}`);
  return result.rows;
}

describe('parseRosterCsv: good files', () => {
  it('reads a file with BOM, reordered and padded headers, extra columns and a quoted comma', () => {
    const text =
      '\uFEFF' +
      csv(
        ' Open_ID ,NAME,备注,Role,chat_id,School,TOWN,education_group',
        'ou_p1,王建华,负责人,校长,oc_s1,横渠镇中心小学,横渠镇,横渠教育集团',
        'ou_t1, 张国敏 ,"语文,数学",Teacher ,oc_s1,横渠镇中心小学,横渠镇,横渠教育集团',
        'ou_t2,李志军,,老师,oc_s1,横渠镇中心小学,横渠镇,横渠教育集团',
        'ou_b1,刘芳,,教体局,oc_bureau,,,',
        'ou_a1,杨晓涛,,管理员,,,,',
      );
    expect(rowsOf(text)).toEqual([
      { line: 2, town: '横渠镇', school: '横渠镇中心小学', educationGroup: '横渠教育集团', groupRole: null, name: '王建华', role: 'principal', openId: 'ou_p1', chatId: 'oc_s1' },
      { line: 3, town: '横渠镇', school: '横渠镇中心小学', educationGroup: '横渠教育集团', groupRole: null, name: '张国敏', role: 'teacher', openId: 'ou_t1', chatId: 'oc_s1' },
      { line: 4, town: '横渠镇', school: '横渠镇中心小学', educationGroup: '横渠教育集团', groupRole: null, name: '李志军', role: 'teacher', openId: 'ou_t2', chatId: 'oc_s1' },
      { line: 5, town: null, school: null, educationGroup: null, groupRole: null, name: '刘芳', role: 'bureau', openId: 'ou_b1', chatId: 'oc_bureau' },
      { line: 6, town: null, school: null, educationGroup: null, groupRole: null, name: '杨晓涛', role: 'admin', openId: 'ou_a1', chatId: null },
    ]);
  });

  it('keeps a quoted comma inside a school name', () => {
    const rows = rowsOf(csv(HEADER, '横渠镇,"横渠镇中心小学,东校区",赵丽娟,teacher,ou_t1,oc_s1'));
    expect(rows[0]?.school).toBe('横渠镇中心小学,东校区');
  });

  it('works without an education_group column', () => {
    const rows = rowsOf(csv(HEADER, '齐镇,齐镇中心小学,陈雅强,principal,ou_p1,oc_s1'));
    expect(rows[0]?.educationGroup).toBeNull();
  });

  it('accepts the same school name in two towns as two schools', () => {
    const rows = rowsOf(
      csv(
        'town,school,education_group,name,role,open_id,chat_id',
        '横渠镇,中心小学,横渠教育集团,马霞,teacher,ou_t1,oc_s1',
        '齐镇,中心小学,,高俊伟,teacher,ou_t2,oc_s2',
      ),
    );
    expect(rows.map((r) => [r.town, r.educationGroup])).toEqual([
      ['横渠镇', '横渠教育集团'],
      ['齐镇', null],
    ]);
  });

  it('handles CRLF line endings', () => {
    const rows = rowsOf([HEADER, '齐镇,齐镇中心小学,郭子婷,teacher,ou_t1,oc_s1'].join('\r\n') + '\r\n');
    expect(rows).toMatchObject([{ line: 2, chatId: 'oc_s1' }]);
  });

  it('numbers lines as spreadsheet rows across blank lines, blank-cell rows and multi-line cells', () => {
    const rows = rowsOf(
      [
        'town,school,name,role,open_id,chat_id,note',
        '齐镇,齐镇中心小学,董明鹏,teacher,ou_t1,oc_s1,"第一行\r\n第二行\r\n第三行"',
        '',
        ',,,,,,',
        '齐镇,齐镇中心小学,何燕,teacher,ou_t2,oc_s1,',
      ].join('\r\n'),
    );
    // Row 2 holds the multi-line cell, row 3 is the empty line, row 4 the comma-only row.
    expect(rows.map((r) => r.line)).toEqual([2, 5]);
  });
});

describe('parseRosterCsv: Chinese headers', () => {
  it('reads 镇街,学校,姓名,角色,open_id,群ID,教育集团 (any case, full-width, padded) and Chinese role words', () => {
    const rows = rowsOf(
      csv(
        ' 姓名 ,角色,ＯＰＥＮ_ＩＤ,群ID,学校,镇街,教育集团,备注',
        '王建华,校长,ou_p1,oc_s1,横渠镇中心小学,横渠镇,横渠教育集团,',
        '张国敏,老师,ou_t1,oc_s1,横渠镇中心小学,横渠镇,横渠教育集团,',
        '刘芳,教育局,ou_b1,oc_bureau,,,,',
        '杨晓涛,管理员,ou_a1,,,,,',
      ),
    );
    expect(rows.map((r) => [r.line, r.town, r.school, r.educationGroup, r.name, r.role, r.openId, r.chatId])).toEqual([
      [2, '横渠镇', '横渠镇中心小学', '横渠教育集团', '王建华', 'principal', 'ou_p1', 'oc_s1'],
      [3, '横渠镇', '横渠镇中心小学', '横渠教育集团', '张国敏', 'teacher', 'ou_t1', 'oc_s1'],
      [4, null, null, null, '刘芳', 'bureau', 'ou_b1', 'oc_bureau'],
      [5, null, null, null, '杨晓涛', 'admin', 'ou_a1', null],
    ]);
  });

  it('takes 乡镇 for the town, 群id and chat_id for the chat, and mixes with English names', () => {
    const rows = rowsOf(csv('乡镇,school,姓名,role,open_id,群id', '齐镇,齐镇中心小学,陈静,teacher,ou_t1,oc_s3'));
    expect(rows).toMatchObject([{ town: '齐镇', school: '齐镇中心小学', name: '陈静', chatId: 'oc_s3' }]);
    expect(rowsOf(csv('镇街,学校,姓名,角色,open_id,chat_id', '齐镇,齐镇中心小学,陈静,教师,ou_t1,oc_s3'))).toHaveLength(1);
  });

  it('counts a Chinese and an English name of one column as a duplicate, and names missing columns both ways', () => {
    expect(problemsOf(csv('镇街,town,学校,姓名,角色,open_id,群id', '齐镇,齐镇,齐镇中心小学,陈静,老师,ou_t1,oc_s3'))).toEqual([
      { line: 1, reason: '表头列重复：town' },
    ]);
    const [missing] = problemsOf(csv('镇街,学校,姓名,角色', '齐镇,齐镇中心小学,陈静,老师'));
    expect(missing?.reason).toContain('open_id');
    expect(missing?.reason).not.toContain('chat_id（群id）');
    expect(missing?.reason).toContain('镇街,学校,姓名,角色,open_id；没有 open_id 时可用 手机号/mobile 或 邮箱/email 列代替');
  });

  it('reads tab-separated text (Excel\'s "Unicode 文本"), keeping commas inside cells', () => {
    const rows = rowsOf(['镇街\t学校\t姓名\t角色\topen_id\t群id', '齐镇\t齐镇中心小学,东校区\t陈静\t老师\tou_t1\toc_s3'].join('\r\n'));
    expect(rows).toMatchObject([{ line: 2, town: '齐镇', school: '齐镇中心小学,东校区', name: '陈静', role: 'teacher' }]);
  });

  it('lists the accepted role words when a role is unknown', () => {
    const [problem] = problemsOf(csv(HEADER, '齐镇,齐镇中心小学,冯玉勇,校工,ou_t2,oc_s1'));
    for (const word of ['老师', '校长', '教育局', '管理员', 'teacher', 'principal', 'bureau', 'admin']) expect(problem?.reason).toContain(word);
  });
});

describe('normalizeRosterRole', () => {
  it.each([
    ['teacher', 'teacher'],
    [' TEACHER ', 'teacher'],
    ['Prin cipal', 'principal'],
    ['ｂｕｒｅａｕ', 'bureau'],
    ['教师', 'teacher'],
    ['老师', 'teacher'],
    ['校长', 'principal'],
    ['教体局', 'bureau'],
    ['局里', 'bureau'],
    ['督查', 'bureau'],
    ['管理员', 'admin'],
    ['教育局', 'bureau'],
    [' 教育局 ', 'bureau'],
    ['constructor', null],
    ['副校长', null],
  ] as const)('%s → %s', (raw, role) => {
    expect(normalizeRosterRole(raw)).toBe(role);
  });
});

describe('parseRosterCsv: header and file problems', () => {
  it('names every missing required column on line 1', () => {
    const problems = problemsOf(csv('town,school,name,role', '齐镇,齐镇中心小学,吕欣磊,teacher'));
    expect(problems).toEqual([{ line: 1, reason: expect.stringContaining('open_id（需要') }]);
  });

  it('reports a duplicated header column', () => {
    const problems = problemsOf(csv('town,school,name,role,open_id,chat_id,Name', '齐镇,齐镇中心小学,a,teacher,ou_1,oc_1,b'));
    expect(problems).toEqual([{ line: 1, reason: expect.stringContaining('重复：name') }]);
  });

  it('rejects an empty file and a header without data', () => {
    expect(problemsOf('')).toEqual([{ line: 1, reason: expect.stringContaining('文件为空') }]);
    expect(problemsOf('\uFEFF\n\n')).toEqual([{ line: 1, reason: expect.stringContaining('文件为空') }]);
    expect(problemsOf(csv(HEADER))).toEqual([{ line: 1, reason: '名册没有数据行' }]);
  });

  it('reports an unclosed quote on the row where it opens', () => {
    const problems = problemsOf(
      csv(HEADER, '齐镇,齐镇中心小学,田佳洁,teacher,ou_t1,oc_s1', '齐镇,"齐镇中心小学,雷春峰,teacher,ou_t2,oc_s1', '齐镇,齐镇中心小学,周琳,teacher,ou_t3,oc_s1'),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]?.line).toBe(3);
    expect(problems[0]?.reason).toMatch(/^CSV 格式错误：引号没有闭合（解析器报告在文本第 \d+ 行）$/);
  });

  it('reports a stray quote inside an unquoted cell', () => {
    const problems = problemsOf(csv(HEADER, '齐镇,齐镇中心小学,吴"红平,teacher,ou_t1,oc_s1'));
    expect(problems).toEqual([{ line: 2, reason: expect.stringContaining('CSV 格式错误') }]);
  });
});

describe('parseRosterCsv: row problems', () => {
  it('rejects an unknown role', () => {
    const problems = problemsOf(csv(HEADER, '齐镇,齐镇中心小学,孙永梅,teacher,ou_t1,oc_s1', '齐镇,齐镇中心小学,冯玉勇,校工,ou_t2,oc_s1'));
    expect(problems).toEqual([{ line: 3, reason: expect.stringMatching(/^未知角色「校工」/) }]);
  });

  it('rejects a missing role', () => {
    expect(problemsOf(csv(HEADER, '齐镇,齐镇中心小学,薛辉,,ou_t1,oc_s1'))).toEqual([{ line: 2, reason: '缺少角色（role）' }]);
  });

  it('requires open_id and rejects one with spaces', () => {
    const problems = problemsOf(
      csv(HEADER, '齐镇,齐镇中心小学,韩国静,teacher,,oc_s1', '齐镇,齐镇中心小学,党志波,teacher,ou_ab cd,oc_s1'),
    );
    expect(problems).toEqual([
      { line: 2, reason: '缺少 open_id' },
      { line: 3, reason: 'open_id「ou_ab cd」中含有空格' },
    ]);
  });

  it('requires a name', () => {
    expect(problemsOf(csv(HEADER, '齐镇,齐镇中心小学,  ,teacher,ou_t1,oc_s1'))).toEqual([{ line: 2, reason: '缺少姓名（name）' }]);
  });

  it('requires town and school for teachers and principals', () => {
    const problems = problemsOf(
      csv(HEADER, ',齐镇中心小学,魏文宁,teacher,ou_t1,oc_s1', '齐镇,,贾华,principal,ou_p1,oc_s1', ',,王丽敏,teacher,ou_t2,oc_s1'),
    );
    expect(problems).toEqual([
      { line: 2, reason: '教师须填写镇街（town）' },
      { line: 3, reason: '校长须填写学校（school）' },
      { line: 4, reason: '教师须填写镇街（town）和学校（school）' },
    ]);
  });

  it('requires bureau and admin rows to leave town and school empty', () => {
    const problems = problemsOf(
      csv(
        'town,school,education_group,name,role,open_id,chat_id',
        '首善街道,,,张雅军,bureau,ou_b1,oc_bureau',
        '首善街道,首善中学,首善教育集团,李海芳,admin,ou_a1,',
      ),
    );
    expect(problems).toEqual([
      { line: 2, reason: '教体局人员不属于学校，须留空：town「首善街道」' },
      { line: 3, reason: '管理员不属于学校，须留空：town「首善街道」、school「首善中学」、education_group「首善教育集团」' },
    ]);
  });

  it('reports a duplicate open_id on the later lines, naming the first', () => {
    const problems = problemsOf(
      csv(
        HEADER,
        '齐镇,齐镇中心小学,刘涛,teacher,ou_x,oc_s1',
        '齐镇,齐镇中心小学,杨子娟,teacher,ou_y,oc_s1',
        '齐镇,齐镇中心小学,赵明强,teacher,ou_x,oc_s1',
        ',,陈思霞,bureau,ou_x,oc_bureau',
      ),
    );
    expect(problems).toEqual([
      { line: 4, reason: 'open_id「ou_x」与第 2 行重复' },
      { line: 5, reason: 'open_id「ou_x」与第 2 行重复' },
    ]);
  });

  it('reports each school row whose chat_id disagrees with the first one seen', () => {
    const problems = problemsOf(
      csv(
        HEADER,
        '齐镇,齐镇中心小学,马伟,principal,ou_p1,oc_s1',
        '齐镇,齐镇中心小学,高佳婷,teacher,ou_t1,oc_s2',
        '齐镇,齐镇中心小学,郭春鹏,teacher,ou_t2,oc_s1',
        '齐镇,齐镇中心小学,董秀燕,teacher,ou_t3,oc_s3',
      ),
    );
    expect(problems).toEqual([
      { line: 3, reason: '学校「齐镇齐镇中心小学」的 chat_id「oc_s2」与第 2 行的「oc_s1」不一致' },
      { line: 5, reason: '学校「齐镇齐镇中心小学」的 chat_id「oc_s3」与第 2 行的「oc_s1」不一致' },
    ]);
  });

  it('takes school staff without a chat_id, and a file with no chat_id column at all (chats bind themselves)', () => {
    const rows = rowsOf(csv(HEADER, '齐镇,齐镇中心小学,何磊,principal,ou_p1,', '齐镇,齐镇中心小学,吕永洁,teacher,ou_t1,'));
    expect(rows).toMatchObject([{ openId: 'ou_p1', chatId: null }, { openId: 'ou_t1', chatId: null }]);
    expect(rowsOf(csv('town,school,name,role,open_id', '齐镇,齐镇中心小学,吕永洁,teacher,ou_t1'))).toMatchObject([{ chatId: null }]);
    // One line with the chat and one without: the school's chat is the one given.
    expect(rowsOf(csv(HEADER, '齐镇,齐镇中心小学,何磊,principal,ou_p1,oc_s1', '齐镇,齐镇中心小学,吕永洁,teacher,ou_t1,'))).toHaveLength(2);
  });

  it('rejects a chat_id with spaces', () => {
    expect(problemsOf(csv(HEADER, '齐镇,齐镇中心小学,田玉峰,teacher,ou_t1,oc s1'))).toEqual([
      { line: 2, reason: 'chat_id「oc s1」中含有空格' },
    ]);
  });

  it('rejects one chat shared by two schools or by a school and the bureau', () => {
    const problems = problemsOf(
      csv(
        HEADER,
        '齐镇,齐镇中心小学,雷建琳,teacher,ou_t1,oc_s1',
        '齐镇,齐镇初级中学,周平,teacher,ou_t2,oc_s1',
        ',,吴志梅,bureau,ou_b1,oc_s1',
      ),
    );
    expect(problems).toEqual([
      { line: 3, reason: 'chat_id「oc_s1」已是第 2 行学校「齐镇齐镇中心小学」的群' },
      { line: 4, reason: 'chat_id「oc_s1」已是第 2 行学校「齐镇齐镇中心小学」的群' },
    ]);
  });

  it('reports a school whose rows disagree on education_group', () => {
    const problems = problemsOf(
      csv(
        'town,school,education_group,name,role,open_id,chat_id',
        '横渠镇,横渠初级中学,横渠教育集团,孙文勇,principal,ou_p1,oc_s1',
        '横渠镇,横渠初级中学,首善教育集团,冯晓辉,teacher,ou_t1,oc_s1',
        '横渠镇,横渠初级中学,,薛静,teacher,ou_t2,oc_s1',
      ),
    );
    expect(problems).toEqual([
      { line: 3, reason: '学校「横渠镇横渠初级中学」的教育集团「首善教育集团」与第 2 行的「横渠教育集团」不一致' },
      { line: 4, reason: '学校「横渠镇横渠初级中学」的教育集团「（空）」与第 2 行的「横渠教育集团」不一致' },
    ]);
  });
});

describe('parseRosterCsv: many problems at once', () => {
  it('collects every problem with the right line, across blank and multi-line rows', () => {
    const text = [
      'town,school,name,role,open_id,chat_id,note',
      '齐镇,齐镇中心小学,韩雅波,teacher,ou_t1,oc_s1,',
      '齐镇,齐镇中心小学,党海宁,teacher,ou_t2,oc_s1,"两行\n备注"',
      '',
      '齐镇,齐镇中心小学,,保安,ou_t1,oc_s2,',
      ',,魏俊华,bureau,ou_b 1,,',
      '齐镇,齐镇中心小学,贾敏,teacher,ou_t3,oc_s9,',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      { line: 5, reason: '缺少姓名（name）' },
      { line: 5, reason: expect.stringMatching(/^未知角色「保安」/) },
      { line: 5, reason: 'open_id「ou_t1」与第 2 行重复' },
      { line: 6, reason: 'open_id「ou_b 1」中含有空格' },
      { line: 7, reason: '学校「齐镇齐镇中心小学」的 chat_id「oc_s9」与第 2 行的「oc_s1」不一致' },
    ]);
  });
});

describe('rosters naming people by mobile or email', () => {
  it('reads mobiles as admins type them, in the form Lark takes, and refuses what is no mobile number', () => {
    for (const typed of ['13800138000', '138 0013 8000', '138-0013-8000', '+86 13800138000', '+86-138-0013-8000', '0086 138 0013 8000', '１３８００１３８０００']) {
      expect(normalizeMobile(typed), typed).toBe('13800138000');
    }
    expect(normalizeMobile('+852 9123 4567')).toBe('+85291234567');
    for (const bad of ['0917-5521234', '1380013800', '138001380001', '12800138000', '+86 0917 5521234', '138OO138000', '']) {
      expect(normalizeMobile(bad), bad).toBeNull();
    }
    expect(normalizeEmail(' ZhangSan@Example.edu.cn ')).toBe('ZhangSan@Example.edu.cn');
    expect(normalizeEmail('t0101＠example.edu.cn')).toBe('t0101@example.edu.cn');
    for (const bad of ['zhangsan', 'a@b', 'a b@c.cn', '@c.cn']) expect(normalizeEmail(bad), bad).toBeNull();
  });

  it('takes 手机号/邮箱 (or mobile/email) in place of the open_id column; a row needs one of the three', () => {
    const text = csv('镇街,学校,姓名,角色,手机号,邮箱,群id', '齐镇,齐镇中心小学,韩雅波,老师,13800138000,,oc_s1', '齐镇,齐镇中心小学,党海宁,老师,,,oc_s1');
    // Without the contact lookup (the CLI's), a row named by mobile is not imported either.
    expect(problemsOf(text)).toEqual([
      { line: 2, reason: expect.stringContaining('须向飞书通讯录查到 open_id') },
      { line: 3, reason: '缺少 open_id、手机号（mobile）和邮箱（email），至少填写一项' },
    ]);
    expect(problemsOf(csv('town,school,name,role,email,chat_id', '齐镇,齐镇中心小学,贾敏,teacher,,oc_s1'))).toEqual([
      { line: 2, reason: '缺少 open_id、手机号（mobile）和邮箱（email），至少填写一项' },
    ]);
    // A row with an open_id is read as before: its mobile is not looked at.
    expect(rowsOf(csv('town,school,name,role,open_id,mobile,chat_id', '齐镇,齐镇中心小学,贾敏,teacher,ou_t1,座机,oc_s1'))).toMatchObject([{ openId: 'ou_t1' }]);
  });
});
