import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { readFrameworkFile } from '../../src/cli/read-framework-file.js';
import { defaultFramework } from '../../src/domain/framework/default-framework.js';
import { dataFormulas, parseFrameworkFile, totalPoints } from '../../src/model/framework-definition.js';
import { formulaLabels } from '../../src/texts/framework-texts.js';
import { ROOT } from '../helpers/repo-root.js';

const SEED_ITEMS = ['党的组织领导', '控辍保学机制', '防返贫预警监测和帮扶', '精准落实资助政策', '雨露计划+就业促进', '办学条件', '乡村教学质量', '家庭教育'];

/** A small good file: two items, every scoring way. */
function goodFile(): Record<string, any> {
  return {
    version: '2027版',
    title: '测试标准',
    items: [
      {
        name: '控辍保学机制',
        points: 10,
        subItems: [
          { code: '1.1', name: '失学辍学动态清零', points: 6, scoring: 'data', formula: 'open_dropouts_zero' },
          { code: '1.2', name: '劝返复学', points: 4, scoring: 'inspection' },
        ],
      },
      { name: '家庭教育', points: 5.5, subItems: [{ code: '2.1', name: '家长学校', points: 5.5, scoring: 'evidence', guidance: '活动方案' }] },
    ],
  };
}

describe('the default framework', () => {
  const framework = defaultFramework();
  const subItems = framework.items.flatMap((i) => i.subItems);

  it("has the seed's 8 items, 29 sub-items and 100 points, and is marked an example", () => {
    expect(framework.example).toBe(true);
    expect(framework.items.map((i) => i.name)).toEqual(SEED_ITEMS);
    expect(subItems).toHaveLength(29);
    expect(totalPoints(framework.items)).toBe(100);
    for (const item of framework.items) expect(totalPoints(item.subItems), item.name).toBe(item.points);
  });

  it('names a known formula on every data sub-item, and only there, and has guidance everywhere', () => {
    const data = subItems.filter((s) => s.scoring === 'data');
    expect(data.length).toBeGreaterThan(0);
    for (const s of data) expect(dataFormulas).toContain(s.formula);
    for (const s of subItems.filter((x) => x.scoring !== 'data')) expect(s.formula, s.code).toBeUndefined();
    expect(new Set(data.map((s) => s.formula))).toEqual(new Set(dataFormulas));
    for (const s of subItems) expect(s.guidance, s.code).toBeTruthy();
    expect(new Set(subItems.map((s) => s.scoring))).toEqual(new Set(['data', 'inspection', 'evidence']));
  });

  it('has a label for every formula (the copy deck keeps in step with the model)', () => {
    expect(Object.keys(formulaLabels).sort()).toEqual([...dataFormulas].sort());
  });
});

describe('parseFrameworkFile', () => {
  it('accepts a good file, with example defaulting to false', () => {
    const parsed = parseFrameworkFile(goodFile());
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && parsed.framework.example).toBe(false);
    expect(parsed.ok && totalPoints(parsed.framework.items)).toBe(15.5);
  });

  it('names every problem with its path, even when other fields are bad too', () => {
    const bad = goodFile();
    bad.items[0].subItems[0].formula = 'visits_per_teacher'; // unknown formula
    bad.items[0].subItems[1].formula = 'alert_followup'; // formula on an inspection sub-item
    bad.items[0].subItems.push({ code: '1.1', name: '重复', points: 1, scoring: 'data' }); // duplicate code, no formula; sum now 11 ≠ 10
    bad.items[1].subItems[0].scoring = 'photo'; // wrong scoring word
    bad.items.push({ name: '家庭教育', points: 2, subItems: [{ code: '3.1', name: '过细', points: 2.25, scoring: 'evidence' }] });
    const parsed = parseFrameworkFile(bad);
    expect(parsed.ok).toBe(false);
    const problems = parsed.ok ? [] : parsed.problems;
    const paths = problems.map((p) => p.slice(0, p.indexOf(':')));
    expect(paths.sort()).toEqual(
      [
        'items[0].subItems[0].formula',
        'items[0].subItems[1].formula',
        'items[0].subItems[2].code',
        'items[0].subItems[2].formula',
        'items[0].points',
        'items[1].subItems[0].scoring',
        'items[2].name',
        'items[2].subItems[0].points',
      ].sort(),
    );
    expect(problems).toContain('items[0].points: 子项分值之和为 11，与大项分值 10 不符');
    expect(problems.find((p) => p.startsWith('items[0].subItems[2].code'))).toContain('items[0].subItems[0]');
  });

  it('refuses unknown fields and a code YAML read as a number, by path', () => {
    const bad = goodFile();
    bad.items[0].subItems[1].formual = 'x';
    bad.items[1].subItems[0].code = 2.1;
    const parsed = parseFrameworkFile(bad);
    const problems = parsed.ok ? [] : parsed.problems;
    expect(problems.some((p) => p.startsWith('items[0].subItems[1]') && p.includes('formual'))).toBe(true);
    expect(problems.find((p) => p.startsWith('items[1].subItems[0].code'))).toContain('加引号');
  });

  it("accepts the README's YAML example", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /## Indicator framework[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    const parsed = parseFrameworkFile(parseYaml(block ?? ''));
    expect(parsed.ok ? [] : parsed.problems).toEqual([]);
  });
});

describe('readFrameworkFile', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'ducha-framework-'));
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('reads YAML by its extension and JSON otherwise, and says which one could not be read', async () => {
    const yamlFile = join(tmp, 'f.yml');
    await writeFile(yamlFile, 'version: "1"\ntitle: 标准\nitems:\n  - name: 家庭教育\n    points: 3\n    subItems:\n      - { code: "1", name: 家访, points: 3, scoring: evidence }\n');
    const read = await readFrameworkFile(yamlFile);
    expect(read.ok ? read.framework.items[0]!.subItems[0]!.code : read.message).toBe('1');

    await writeFile(join(tmp, 'bad.yaml'), 'version: [\n');
    const badYaml = await readFrameworkFile(join(tmp, 'bad.yaml'));
    expect(badYaml.ok ? '' : badYaml.message).toContain('不是可读的 YAML');

    await writeFile(join(tmp, 'bad.json'), 'version: "1"\n');
    const badJson = await readFrameworkFile(join(tmp, 'bad.json'));
    expect(badJson.ok ? '' : badJson.message).toContain('不是可读的 JSON');
  });
});
