import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { loadActiveFramework } from '../../src/db/queries/frameworks.js';
import { cliOverFreshDatabase, type CliOverDatabase } from '../helpers/run-cli.js';

/** `npm run cli -- framework load | show [--json]` as real child processes over a fresh database. */

let tmp: string;
let admin: CliOverDatabase | undefined;
const file = (name: string) => join(tmp, name);
const cli = (...args: string[]) => admin!.cli(...args);
const withDb = <T>(fn: (db: Db) => Promise<T>) => admin!.withDb(fn);

const GOOD = {
  version: '2027版',
  title: '眉县2027年乡村振兴示范校建设评价标准',
  items: [
    {
      name: '控辍保学机制',
      points: 10,
      subItems: [
        { code: '2.1', name: '失学辍学动态清零', points: 6, scoring: 'data', formula: 'open_dropouts_zero' },
        { code: '2.2', name: '劝返复学与包联', points: 4, scoring: 'inspection', guidance: '查看劝返方案' },
      ],
    },
    { name: '家庭教育', points: 5.5, subItems: [{ code: '8.1', name: '家长学校', points: 5.5, scoring: 'evidence' }] },
  ],
};

const GOOD_YAML = `# 本局的标准（YAML）
version: 2027秋
title: 眉县2027年秋季督查标准
items:
  - name: 精准落实资助政策
    points: 8
    subItems:
      - { code: "4.1", name: 精准资助大排查, points: 5, scoring: data, formula: aid_check_coverage }
      - code: "4.2"
        name: 资助政策宣传
        points: 3
        scoring: inspection
`;

/** Every kind of mistake at once: points not summing, a duplicate code, formulas missing, unknown and misplaced, a wrong scoring word. */
const BAD = {
  version: '2027坏',
  title: '有错的标准',
  items: [
    {
      name: '控辍保学机制',
      points: 10,
      subItems: [
        { code: '2.1', name: '失学辍学动态清零', points: 6, scoring: 'data' },
        { code: '2.1', name: '劝返复学', points: 3, scoring: 'inspection', formula: 'alert_followup' },
      ],
    },
    {
      name: '防返贫预警监测和帮扶',
      points: 8,
      subItems: [
        { code: '3.1', name: '预警跟进', points: 4, scoring: 'data', formula: 'visits_per_teacher' },
        { code: '3.2', name: '帮扶', points: 4, scoring: 'photo' },
      ],
    },
    { name: '家庭教育', points: 5, subItems: [{ code: '8.1', name: '家长学校', points: -5, scoring: 'evidence' }] },
  ],
};

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'ducha-framework-cli-'));
  await writeFile(file('good.json'), JSON.stringify(GOOD, null, 2));
  await writeFile(file('good.yaml'), GOOD_YAML);
  await writeFile(file('changed.json'), JSON.stringify({ ...GOOD, title: '改过的标题' }));
  await writeFile(file('bad.json'), JSON.stringify(BAD));
  admin = await cliOverFreshDatabase(tmp);
});

afterAll(async () => {
  await admin?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('npm run cli -- framework', { timeout: 120_000 }, () => {
  it('shows the example framework a fresh database starts with, as a table and as JSON', async () => {
    const table = await cli('framework', 'show');
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain('乡村振兴示范校建设评价标准（示例）（版本 2023示例，共 100 分）');
    expect(table.stdout).toContain('这是示例指标体系');
    expect(table.stdout).toContain('1. 党的组织领导 · 12 分');
    expect(table.stdout).toContain('  2.1\t失学辍学动态清零\t6\t数据（辍学清零：open_dropouts_zero）\n');

    const json = await cli('framework', 'show', '--json');
    expect(json.code, json.stderr).toBe(0);
    const doc = JSON.parse(json.stdout) as { items: { name: string; points: number; subItems: Record<string, unknown>[] }[] };
    expect(Object.keys(doc)).toEqual(['items']);
    expect(doc.items).toHaveLength(8);
    expect(doc.items.flatMap((i) => i.subItems)).toHaveLength(29);
    expect(doc.items.reduce((sum, i) => sum + i.points, 0)).toBe(100);
    for (const s of doc.items.flatMap((i) => i.subItems)) expect(Object.keys(s)).toEqual(['code', 'name', 'points', 'scoring']);
  });

  it('loads a JSON file, which is then in force and shown in the documented shape', async () => {
    const load = await cli('framework', 'load', file('good.json'));
    expect(load.code, load.stderr).toBe(0);
    expect(load.stdout.trim()).toBe('已载入指标体系 2027版：2 个大项、3 个子项，共 15.5 分；现为现行版本');

    const json = await cli('framework', 'show', '--json');
    expect(JSON.parse(json.stdout)).toEqual({
      items: [
        {
          name: '控辍保学机制',
          points: 10,
          subItems: [
            { code: '2.1', name: '失学辍学动态清零', points: 6, scoring: 'data' },
            { code: '2.2', name: '劝返复学与包联', points: 4, scoring: 'inspection' },
          ],
        },
        { name: '家庭教育', points: 5.5, subItems: [{ code: '8.1', name: '家长学校', points: 5.5, scoring: 'evidence' }] },
      ],
    });
  });

  it('loads a YAML file; the same file again is already loaded; other content under a loaded version is refused', async () => {
    const load = await cli('framework', 'load', file('good.yaml'));
    expect(load.code, load.stderr).toBe(0);
    expect(load.stdout.trim()).toBe('已载入指标体系 2027秋：1 个大项、2 个子项，共 8 分；现为现行版本');
    const again = await cli('framework', 'load', file('good.yaml'));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout.trim()).toBe('指标体系 2027秋 已载入过，内容相同，未做改动');

    const changed = await cli('framework', 'load', file('changed.json'));
    expect(changed.code).toBe(1);
    expect(changed.stdout).toBe('');
    expect(changed.stderr).toContain('指标体系版本 2027版 已载入过，且内容不同');

    const table = await cli('framework', 'show');
    expect(table.stdout).toContain('眉县2027年秋季督查标准（版本 2027秋，共 8 分）\n');
    expect(table.stdout).not.toContain('示例');
    expect(table.stdout).toContain('  4.2\t资助政策宣传\t3\t督查打分\n');
  });

  it('refuses a bad file, naming the path of every problem, and changes nothing', async () => {
    const before = await withDb(loadActiveFramework);
    const load = await cli('framework', 'load', file('bad.json'));
    expect(load.code).toBe(1);
    expect(load.stdout).toBe('');
    const lines = load.stderr.trim().split('\n');
    expect(lines[0]).toBe(`${file('bad.json')}：未做任何改动，共 7 处问题：`);
    const paths = lines.slice(1).map((l) => l.trim().slice(0, l.trim().indexOf(':')));
    expect(paths.sort()).toEqual(
      [
        'items[0].points', // 6 + 3 ≠ 10
        'items[0].subItems[0].formula', // data without a formula
        'items[0].subItems[1].code', // 2.1 twice
        'items[0].subItems[1].formula', // a formula on an inspection sub-item
        'items[1].subItems[0].formula', // an unknown formula
        'items[1].subItems[1].scoring', // not a scoring word
        'items[2].subItems[0].points', // negative (and so not summed)
      ].sort(),
    );
    expect(load.stderr).toContain('items[0].points: 子项分值之和为 9，与大项分值 10 不符');
    expect(await withDb(loadActiveFramework)).toEqual(before);
  });

  it('explains its usage', async () => {
    const run = await cli('framework', 'reload');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('framework load FILE.json|FILE.yaml | framework show [--json]');
  });
});
