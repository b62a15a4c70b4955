import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { listCampaigns } from '../../src/db/queries/campaigns.js';
import { people, schools, towns } from '../../src/db/schema/index.js';
import { encodeGbk, encodeLatin1, encodeUtf16, encodeUtf8Bom } from '../helpers/encode-text.js';
import { buildWorkbook } from '../helpers/roster-workbook.js';
import { cliOverFreshDatabase, type CliOverDatabase, type CliRun } from '../helpers/run-cli.js';

/**
 * Rosters as an admin's Windows PC saves them — GBK CSV, UTF-16 "Unicode text", "CSV UTF-8" with a
 * BOM, .xlsx — through the real command line (a child process) into a fresh database (PGlite, or
 * Postgres when DATABASE_URL is set). Every file holds the same people under Chinese or English
 * headers; each import after the first renames one person, so a mis-decoded file would show up as
 * more than one update, as a wrong name in the database, or as the old "群已属于" clash. The
 * group role (集团角色, last) is stored on the school through the same path.
 */

const CHINESE_HEADER = ['镇街', '学校', '教育集团', '姓名', '角色', 'open_id', '群id', '集团角色'];
const ENGLISH_HEADER = ['town', 'school', 'education_group', 'name', 'role', 'open_id', 'chat_id', 'group_role'];
const PEOPLE = [
  ['横渠镇', '横渠镇中心小学', '横渠教育集团', '王建华', '校长', 'ou_p1', 'oc_s1', '核心校'],
  ['横渠镇', '横渠镇中心小学', '横渠教育集团', '张国敏', '老师', 'ou_t1', 'oc_s1', '核心校'],
  ['齐镇', '齐镇中心小学', '', '赵明', '校长', 'ou_p2', 'oc_s2', ''],
  ['齐镇', '齐镇中心小学', '', '陈静', '老师', 'ou_t2', 'oc_s2', ''],
  ['', '', '', '周强', '教育局', 'ou_b1', 'oc_bureau', ''],
  ['', '', '', '吴敏', '管理员', 'ou_a1', '', ''],
];
const ROLES: Record<string, string> = { 校长: 'principal', 老师: 'teacher', 教育局: 'bureau', 管理员: 'admin' };
const GROUP_ROLES: Record<string, string> = { 核心校: 'core' };

/** The roster with ou_t1 named `t1Name`. */
function roster(t1Name: string): string[][] {
  return PEOPLE.map((p) => (p[5] === 'ou_t1' ? [...p.slice(0, 3), t1Name, ...p.slice(4)] : [...p]));
}
const csvOf = (header: string[], rows: string[][]) => [header, ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n';

let tmp: string;
let admin: CliOverDatabase | undefined;
const cli = (...args: string[]) => admin!.cli(...args);
const withDb = <T>(fn: (db: Db) => Promise<T>) => admin!.withDb(fn);

async function importFile(name: string, bytes: Uint8Array): Promise<CliRun> {
  await writeFile(join(tmp, name), bytes);
  return cli('import-roster', join(tmp, name));
}

/** Everything the roster import stored, by open_id: name, role, school and town names, group and role in it. */
async function stored() {
  return withDb(async (db) => {
    const townRows = await db.select().from(towns);
    const schoolRows = await db.select().from(schools);
    const townName = new Map(townRows.map((t) => [t.id, t.name]));
    const school = new Map(schoolRows.map((s) => [s.id, s]));
    const rows = await db.select().from(people).orderBy(asc(people.openId));
    return rows.map((p) => {
      const s = p.schoolId === null ? undefined : school.get(p.schoolId);
      return [p.openId, p.name, p.role, townName.get(s?.townId ?? -1) ?? '', s?.name ?? '', s?.educationGroup ?? '', p.chatId ?? '', s?.groupRole ?? ''];
    });
  });
}

/** What `stored()` should hold after importing `roster(t1Name)`. */
function expected(t1Name: string) {
  return roster(t1Name)
    .map(([town, school, group, name, role, openId, chat, groupRole]) => [openId, name, ROLES[role!], town, school, group, chat, GROUP_ROLES[groupRole!] ?? ''])
    .sort((a, b) => a[0]!.localeCompare(b[0]!));
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'ducha-encodings-'));
  admin = await cliOverFreshDatabase(tmp);
});

afterAll(async () => {
  await admin?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('npm run cli -- import-roster: encodings and .xlsx', { timeout: 120_000 }, () => {
  it('imports a GBK CSV with Chinese headers and role words into an empty database, names intact', async () => {
    const run = await importFile('gbk.csv', encodeGbk(csvOf(CHINESE_HEADER, roster('张国敏'))));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe('已导入 6 行：2 个镇街，2 所学校；人员 新增 6，更新 0，未变 0，停用 0');
    expect(await stored()).toEqual(expected('张国敏'));
  });

  const variants: Array<[string, string, () => Promise<Uint8Array>]> = [
    ['UTF-8 with a BOM', '张国民', async () => encodeUtf8Bom(csvOf(ENGLISH_HEADER, roster('张国民')))],
    // Excel's "Unicode 文本": UTF-16 LE, tab-separated.
    ['UTF-16 LE with a BOM', '张国强', async () => encodeUtf16(csvOf(CHINESE_HEADER, roster('张国强')).replaceAll(',', '\t'), 'le')],
    ['UTF-16 BE with a BOM', '张国华', async () => encodeUtf16(csvOf(CHINESE_HEADER, roster('张国华')), 'be')],
    ['.xlsx (first worksheet)', '张国栋', () => buildWorkbook([{ name: '名册', rows: [CHINESE_HEADER, ...roster('张国栋')] }, { name: '说明', rows: [['不是名册']] }])],
    ['GBK again, over the existing roster', '张国敏', async () => encodeGbk(csvOf(CHINESE_HEADER, roster('张国敏')))],
  ];
  for (const [encoding, t1Name, bytes] of variants) {
    it(`re-imports the roster as ${encoding}: only the renamed person changes`, async () => {
      const run = await importFile(encoding.includes('xlsx') ? 'roster.xlsx' : 'roster.csv', await bytes());
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout.trim()).toBe('已导入 6 行：2 个镇街，2 所学校；人员 新增 0，更新 1，未变 5，停用 0');
      expect(await stored()).toEqual(expected(t1Name));
    });
  }

  it('refuses Latin-1 and binary files with a Chinese message, importing nothing', async () => {
    const latin1 = csvOf(ENGLISH_HEADER, [['Séville', 'École Élémentaire', '', 'Zoë', 'teacher', 'ou_x1', 'oc_s1']]);
    const binary = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 251);
    for (const [name, bytes] of [
      ['latin1.csv', encodeLatin1(latin1)],
      ['random.csv', binary],
    ] as const) {
      const run = await importFile(name, bytes);
      expect(run.code, name).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(`${join(tmp, name)}：未导入任何内容：无法识别文件编码`);
    }
    expect(await stored()).toEqual(expected('张国敏'));
  });
});

describe('npm run cli -- campaigns load: the same decoding for JSON', { timeout: 120_000 }, () => {
  it('loads a campaign file saved as GBK and one saved as UTF-8 with a BOM', async () => {
    const show = await cli('campaigns', 'show');
    expect(show.code, show.stderr).toBe(0);
    const file = JSON.parse(show.stdout) as { campaigns: Array<Record<string, unknown>> };
    for (const [name, title, encode] of [
      ['gbk.json', '家访月报（国标码）', encodeGbk],
      ['bom.json', '家访月报（带签名）', encodeUtf8Bom],
    ] as const) {
      file.campaigns[0]!.title = title;
      await writeFile(join(tmp, name), encode(JSON.stringify(file, null, 2)));
      const load = await cli('campaigns', 'load', join(tmp, name));
      expect(load.code, load.stderr).toBe(0);
      const titles = await withDb(async (db) => (await listCampaigns(db)).map((c) => c.title));
      expect(titles[0]).toBe(title);
    }
  });
});
