import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRosterFile } from '../../src/cli/read-roster-file.js';
import { encodeGbk, encodeLatin1 } from '../helpers/encode-text.js';
import { buildWorkbook } from '../helpers/roster-workbook.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ducha-roster-file-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function read(name: string, bytes: Uint8Array) {
  await writeFile(join(dir, name), bytes);
  return readRosterFile(join(dir, name));
}

describe('readRosterFile: .xlsx', () => {
  it('reads the first worksheet: rich text, hyperlinks, numbers and formulas as their text, line numbers as sheet rows', async () => {
    const bytes = await buildWorkbook([
      {
        name: '名册',
        rows: [
          ['镇街', '学校', '姓名', { richText: [{ text: '角' }, { text: '色', font: { bold: true } }] }, 'open_id', '群id', '教育集团', '集团角色'],
          ['横渠镇', '横渠镇中心小学', { richText: [{ text: '王' }, { text: '建华' }] }, '校长', 'ou_p1', 'oc_s1', '横渠教育集团', '核心校'],
          [],
          ['横渠镇', { text: '横渠镇中心小学', hyperlink: 'https://example.cn/s1' }, '张国敏', '老师', 'ou_t1', 'oc_s1', '横渠教育集团', { richText: [{ text: '核心' }, { text: '校' }] }],
          ['齐镇', '齐镇第2小学', '李强', { formula: '"老"&"师"', result: '老师' }, 42, 'oc_s2', null],
          [null, null, '周强', '教育局', 'ou_b1', 'oc_bureau'],
        ],
      },
      { name: '说明', rows: [['这一页不是名册'], ['x']] },
    ]);
    const result = await read('roster.xlsx', bytes);
    expect(result).toEqual({
      ok: true,
      roster: {
        ok: true,
        rows: [
          { line: 2, town: '横渠镇', school: '横渠镇中心小学', educationGroup: '横渠教育集团', groupRole: 'core', name: '王建华', role: 'principal', openId: 'ou_p1', chatId: 'oc_s1' },
          { line: 4, town: '横渠镇', school: '横渠镇中心小学', educationGroup: '横渠教育集团', groupRole: 'core', name: '张国敏', role: 'teacher', openId: 'ou_t1', chatId: 'oc_s1' },
          { line: 5, town: '齐镇', school: '齐镇第2小学', educationGroup: null, groupRole: null, name: '李强', role: 'teacher', openId: '42', chatId: 'oc_s2' },
          { line: 6, town: null, school: null, educationGroup: null, groupRole: null, name: '周强', role: 'bureau', openId: 'ou_b1', chatId: 'oc_bureau' },
        ],
      },
    });
  });

  it('reports problems at the worksheet row, also in a workbook saved as .csv', async () => {
    const bytes = await buildWorkbook([
      { name: 'Sheet1', rows: [[], ['town', 'school', 'name', 'role', 'open_id', 'chat_id'], ['齐镇', '齐镇中心小学', '陈静', '校工', 'ou_t1', 'oc_s3']] },
    ]);
    const result = await read('renamed.csv', bytes);
    expect(result).toMatchObject({ ok: true, roster: { ok: false, problems: [{ line: 3, reason: expect.stringMatching(/^未知角色「校工」/) }] } });
  });

  it('refuses a broken workbook and the old .xls format, saying what to do', async () => {
    const broken = await read('broken.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]));
    expect(broken).toMatchObject({ ok: false, message: expect.stringContaining('.xlsx') });
    const xls = await read('old.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]));
    expect(xls).toMatchObject({ ok: false, message: expect.stringContaining('另存为') });
  });
});

describe('readRosterFile: CSV', () => {
  it('decodes a GBK file before parsing it', async () => {
    const result = await read('gbk.csv', encodeGbk('镇街,学校,姓名,角色,open_id,群id\r\n齐镇,齐镇中心小学,陈静,老师,ou_t1,oc_s3\r\n'));
    expect(result).toMatchObject({ ok: true, roster: { ok: true, rows: [{ line: 2, town: '齐镇', name: '陈静', role: 'teacher' }] } });
  });

  it('refuses a file in no accepted encoding, and a missing file, in Chinese', async () => {
    const latin1 = await read('latin1.csv', encodeLatin1('town,school,name,role,open_id,chat_id\nSéville,École,Zoë,teacher,ou_1,oc_1\n'));
    expect(latin1).toMatchObject({ ok: false, message: expect.stringContaining('无法识别文件编码') });
    expect(await readRosterFile(join(dir, 'nope.csv'))).toEqual({ ok: false, message: '无法读取文件：文件不存在' });
  });
});
