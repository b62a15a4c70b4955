import { describe, expect, it } from 'vitest';
import { parseRosterCsv } from '../../src/domain/roster/parse-roster-csv.js';
import { normalizeGroupRole, type RosterProblem } from '../../src/domain/roster/roster-row.js';

const csv = (...lines: string[]): string => lines.join('\n') + '\n';
const HEADER = 'town,school,education_group,group_role,name,role,open_id,chat_id';

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

describe('normalizeGroupRole', () => {
  it('reads 核心校/成员校/薄弱校, their short and English forms, and the Traditional 成員校', () => {
    const cases: Array<[string, string]> = [
      ['核心校', 'core'],
      ['核心', 'core'],
      ['core', 'core'],
      [' CORE ', 'core'],
      ['成员校', 'member'],
      ['成员', 'member'],
      ['成員校', 'member'],
      ['成員', 'member'],
      ['Member', 'member'],
      ['薄弱校', 'weak'],
      ['薄弱', 'weak'],
      ['ｗｅａｋ', 'weak'],
    ];
    for (const [raw, role] of cases) expect(normalizeGroupRole(raw), raw).toBe(role);
    for (const raw of ['', '牵头校', 'leader', '核心学校']) expect(normalizeGroupRole(raw), raw).toBeNull();
  });
});

describe('parseRosterCsv: group_role', () => {
  it('reads group_role under 集团角色, 集团内角色 or group_role; empty is null', () => {
    for (const column of ['集团角色', '集团内角色', 'group_role', 'Group_Role']) {
      const rows = rowsOf(
        csv(
          `镇街,学校,教育集团,${column},姓名,角色,open_id,群id`,
          '横渠镇,横渠镇中心小学,横渠教育集团,核心校,王建华,校长,ou_p1,oc_s1',
          '横渠镇,横渠镇中心小学,横渠教育集团,核心,张国敏,老师,ou_t1,oc_s1',
          '常兴镇,常兴初级中学,横渠教育集团,薄弱校,李志军,校长,ou_p2,oc_s2',
          '常兴镇,常兴镇中心小学,横渠教育集团,成員校,刘海涛,校长,ou_p3,oc_s3',
          '齐镇,齐镇中心小学,,,赵明,校长,ou_p4,oc_s4',
          ',,,,周强,教育局,ou_b1,oc_bureau',
        ),
      );
      expect(rows.map((r) => [r.openId, r.groupRole]), column).toEqual([
        ['ou_p1', 'core'],
        ['ou_t1', 'core'],
        ['ou_p2', 'weak'],
        ['ou_p3', 'member'],
        ['ou_p4', null],
        ['ou_b1', null],
      ]);
    }
  });

  it('is optional: without the column every school has no role', () => {
    const rows = rowsOf(csv('town,school,education_group,name,role,open_id,chat_id', '横渠镇,横渠镇中心小学,横渠教育集团,王建华,principal,ou_p1,oc_s1'));
    expect(rows[0]?.groupRole).toBeNull();
  });

  it('rejects an unknown role, listing the accepted words', () => {
    expect(problemsOf(csv(HEADER, '横渠镇,横渠镇中心小学,横渠教育集团,牵头校,王建华,principal,ou_p1,oc_s1'))).toEqual([
      { line: 2, reason: '未知集团角色「牵头校」，应为 核心校、成员校、薄弱校（或 核心、成员、薄弱，英文 core、member、weak）' },
    ]);
  });

  it('rejects a role without an education group', () => {
    expect(problemsOf(csv(HEADER, '齐镇,齐镇中心小学,,核心校,赵明,principal,ou_p1,oc_s1'))).toEqual([
      { line: 2, reason: '填写了集团角色「核心校」，但没有填写教育集团（education_group）' },
    ]);
  });

  it('reports a school whose rows give it two different roles (or a role and none), but not two spellings of one', () => {
    const problems = problemsOf(
      csv(
        HEADER,
        '横渠镇,横渠初级中学,横渠教育集团,成员校,孙文勇,principal,ou_p1,oc_s1',
        '横渠镇,横渠初级中学,横渠教育集团,member,马霞,teacher,ou_t1,oc_s1',
        '横渠镇,横渠初级中学,横渠教育集团,薄弱校,冯晓辉,teacher,ou_t2,oc_s1',
        '横渠镇,横渠初级中学,横渠教育集团,,高俊伟,teacher,ou_t3,oc_s1',
      ),
    );
    expect(problems).toEqual([
      { line: 4, reason: '学校「横渠镇横渠初级中学」的集团角色「薄弱校」与第 2 行的「成员校」不一致' },
      { line: 5, reason: '学校「横渠镇横渠初级中学」的集团角色「（空）」与第 2 行的「成员校」不一致' },
    ]);
  });

  it('requires bureau and admin rows to leave group_role empty', () => {
    expect(
      problemsOf(
        csv(
          HEADER,
          ',,,核心校,周强,bureau,ou_b1,oc_bureau',
          ',,首善教育集团,薄弱,吴敏,admin,ou_a1,',
        ),
      ),
    ).toEqual([
      { line: 2, reason: '教体局人员不属于学校，须留空：group_role「核心校」' },
      { line: 3, reason: '管理员不属于学校，须留空：education_group「首善教育集团」、group_role「薄弱」' },
    ]);
  });

  it('counts 集团角色 and group_role in one header as a duplicated column', () => {
    expect(problemsOf(csv(`${HEADER},集团角色`, '横渠镇,横渠镇中心小学,横渠教育集团,核心校,王建华,principal,ou_p1,oc_s1,核心校'))).toEqual([
      { line: 1, reason: '表头列重复：group_role' },
    ]);
  });
});
