import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { listCampaigns } from '../../src/db/queries/campaigns.js';
import { people, schools, towns } from '../../src/db/schema/index.js';
import { cliOverFreshDatabase, type CliOverDatabase } from '../helpers/run-cli.js';

/**
 * Names become cards and @-messages, so the two loaders refuse `<`, `>` and `[text](url)` in them,
 * through the real command line: the roster says which line, the campaign file which JSON path,
 * and nothing is stored. (What gets past them anyway is escaped: hostile-names.test.ts.)
 */

const HEADER = 'town,school,education_group,name,role,open_id,chat_id';
const GOOD = [
  '横渠镇,横渠镇中心小学,,王建华,principal,ou_p1,oc_s1',
  '横渠镇,横渠镇中心小学,,张国敏,teacher,ou_t1,oc_s1',
  ',,,周强,bureau,ou_b1,oc_bureau',
];

let tmp: string;
let admin: CliOverDatabase | undefined;
const cli = (...args: string[]) => admin!.cli(...args);
const withDb = <T>(fn: (db: Db) => Promise<T>) => admin!.withDb(fn);
const rosterCounts = () =>
  withDb(async (db) => [
    (await db.select({ n: count() }).from(towns))[0]!.n,
    (await db.select({ n: count() }).from(schools))[0]!.n,
    (await db.select({ n: count() }).from(people))[0]!.n,
  ]);

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'ducha-markup-'));
  admin = await cliOverFreshDatabase(tmp);
});
afterAll(async () => {
  await admin?.close();
  await rm(tmp, { recursive: true, force: true });
});

// Each command is its own process opening the database: on Postgres only, as in cli-admin.test.ts.
describe.runIf(process.env.DATABASE_URL)('names with markup are refused by the loaders', () => {
  it('import-roster refuses a school, a teacher and a town with markup, naming each line, and imports nothing', async () => {
    const lines = [
      HEADER,
      ...GOOD,
      '横渠镇,<at id=all></at>小学,,李志军,principal,ou_p2,oc_s2',
      '横渠镇,横渠镇中心小学,,[点我](http://evil.example/s),teacher,ou_t2,oc_s1',
      '齐镇>,齐镇中心小学,,赵明,principal,ou_p3,oc_s3',
    ];
    await writeFile(join(tmp, 'hostile.csv'), lines.join('\n') + '\n');
    const run = await cli('import-roster', join(tmp, 'hostile.csv'));
    expect(run.code).not.toBe(0);
    expect(run.stderr + run.stdout).toContain('未导入任何内容');
    expect(run.stderr).toMatch(/第 5 行：school「<at id=all><\/at>小学」不能含有/);
    expect(run.stderr).toMatch(/第 6 行：name「\[点我\]\(http:\/\/evil\.example\/s\)」不能含有/);
    expect(run.stderr).toMatch(/第 7 行：town「齐镇>」不能含有/);
    expect(run.stderr).not.toMatch(/第 [234] 行/);
    expect(await rosterCounts()).toEqual([0, 0, 0]);

    // The same file without those lines imports: the refusal was the markup, not the file.
    await writeFile(join(tmp, 'good.csv'), [HEADER, ...GOOD].join('\n') + '\n');
    const good = await cli('import-roster', join(tmp, 'good.csv'));
    expect(good.code, good.stderr).toBe(0);
    expect(await rosterCounts()).toEqual([1, 1, 3]);
  });

  it('campaigns load refuses a title, a field label and a synonym with markup, naming each path, and changes nothing', async () => {
    const before = await withDb(listCampaigns);
    const file = { campaigns: before.map((c) => structuredClone(c.definition)) as Record<string, any>[] };
    file.campaigns[0]!.title = '<at id=all></at>月报';
    file.campaigns[1]!.form.fields[0].label = '[点我](http://evil.example/s)';
    file.campaigns[0]!.form.fields[0].synonyms = ['走访>'];
    await writeFile(join(tmp, 'hostile.json'), JSON.stringify(file));
    const load = await cli('campaigns', 'load', join(tmp, 'hostile.json'));
    expect(load.code).toBe(1);
    expect(load.stdout).toBe('');
    expect(load.stderr).toContain('未做任何改动');
    for (const path of ['campaigns[0].title', 'campaigns[1].form.fields[0].label', 'campaigns[0].form.fields[0].synonyms[0]']) {
      expect(load.stderr).toMatch(new RegExp(`${path.replace(/[[\].]/g, '\\$&')}: 不能含有 <、>、\\[文字\\]\\(链接\\) 这样的标记或网址`));
    }
    expect(await withDb(listCampaigns)).toEqual(before);
  });
});
