import { describe, it, expect } from 'vitest';
import { buildDemoCounty, DEMO_BUREAU_CHAT_ID, DEMO_TOWNS, rosterToCsv } from '../../src/domain/roster/demo-county.js';
import { parseRosterCsv } from '../../src/domain/roster/parse-roster-csv.js';
import type { RosterRow } from '../../src/domain/roster/roster-row.js';

const MEI_COUNTY_TOWNS = ['首善街道', '横渠镇', '槐芽镇', '汤峪镇', '常兴镇', '金渠镇', '营头镇', '齐镇'];

function bySchool(rows: RosterRow[]): Map<string, RosterRow[]> {
  const schools = new Map<string, RosterRow[]>();
  for (const row of rows) {
    if (row.school === null) continue;
    const key = `${row.town}/${row.school}`;
    schools.set(key, [...(schools.get(key) ?? []), row]);
  }
  return schools;
}

describe('buildDemoCounty', () => {
  const rows = buildDemoCounty();
  const schools = bySchool(rows);

  it("covers Mei County's 8 towns with 2 sample schools each", () => {
    expect([...DEMO_TOWNS]).toEqual(MEI_COUNTY_TOWNS);
    expect(new Set(rows.filter((r) => r.town).map((r) => r.town))).toEqual(new Set(MEI_COUNTY_TOWNS));
    expect(schools.size).toBe(16);
    for (const town of MEI_COUNTY_TOWNS) {
      expect([...schools.keys()].filter((k) => k.startsWith(`${town}/`))).toHaveLength(2);
    }
    for (const [key] of schools) expect(key).toMatch(/\(示例\)$/);
    expect(schools.has('横渠镇/横渠镇中心小学(示例)')).toBe(true);
    expect(schools.has('横渠镇/横渠初级中学(示例)')).toBe(true);
  });

  it('gives every school one principal, 4–8 teachers and its own group chat', () => {
    const chats = new Set<string | null>();
    const teacherCounts = new Set<number>();
    for (const staff of schools.values()) {
      expect(staff.filter((r) => r.role === 'principal')).toHaveLength(1);
      const teachers = staff.filter((r) => r.role === 'teacher').length;
      expect(teachers).toBeGreaterThanOrEqual(4);
      expect(teachers).toBeLessThanOrEqual(8);
      teacherCounts.add(teachers);
      expect(new Set(staff.map((r) => r.chatId)).size).toBe(1);
      expect(staff[0]?.chatId).toMatch(/^oc_demo_school_\d{2}$/);
      chats.add(staff[0]?.chatId ?? null);
    }
    expect(chats.size).toBe(16);
    expect(teacherCounts.size).toBeGreaterThan(1); // counts vary by school
  });

  it('groups schools into a few education groups, each school in at most one', () => {
    const groups = new Map<string, Set<string | null>>();
    for (const [key, staff] of schools) groups.set(key, new Set(staff.map((r) => r.educationGroup)));
    for (const set of groups.values()) expect(set.size).toBe(1);
    const names = new Set([...groups.values()].flatMap((s) => [...s]).filter((g) => g !== null));
    expect(names.size).toBeGreaterThanOrEqual(3);
    expect(names.size).toBeLessThanOrEqual(4);
    expect(names.has('首善教育集团')).toBe(true);
  });

  it("gives each group one 核心校 (its first town's first school), a 薄弱校 (its second town's second school) and 成员校", () => {
    const roles = new Map<string, Set<string | null>>();
    for (const [key, staff] of schools) roles.set(key, new Set(staff.map((r) => r.groupRole)));
    for (const set of roles.values()) expect(set.size).toBe(1);
    const roleOf = (key: string) => [...roles.get(key)!][0];
    expect(Object.fromEntries([...roles.keys()].map((k) => [k, roleOf(k)]))).toEqual({
      '首善街道/首善街道中心小学(示例)': 'core',
      '首善街道/首善初级中学(示例)': 'member',
      '横渠镇/横渠镇中心小学(示例)': 'core',
      '横渠镇/横渠初级中学(示例)': 'member',
      '槐芽镇/槐芽镇中心小学(示例)': 'core',
      '槐芽镇/槐芽初级中学(示例)': 'member',
      '汤峪镇/汤峪镇中心小学(示例)': 'member',
      '汤峪镇/汤峪初级中学(示例)': 'weak',
      '常兴镇/常兴镇中心小学(示例)': 'member',
      '常兴镇/常兴初级中学(示例)': 'weak',
      '金渠镇/金渠镇中心小学(示例)': 'member',
      '金渠镇/金渠初级中学(示例)': 'weak',
      // 营头教育集团 is 营头镇 alone: a 核心校 and a 成员校, no second town and so no 薄弱校.
      '营头镇/营头镇中心小学(示例)': 'core',
      '营头镇/营头初级中学(示例)': 'member',
      '齐镇/齐镇中心小学(示例)': null,
      '齐镇/齐镇初级中学(示例)': null,
    });
    for (const staff of schools.values()) {
      if (staff[0]!.educationGroup === null) expect(staff[0]!.groupRole).toBeNull();
      else expect(staff[0]!.groupRole).not.toBeNull();
    }
  });

  it('has a bureau chat with two officers and one admin, outside any school', () => {
    const central = rows.filter((r) => r.role === 'bureau' || r.role === 'admin');
    expect(central.map((r) => [r.role, r.openId])).toEqual([
      ['bureau', 'ou_demo_b1'],
      ['bureau', 'ou_demo_b2'],
      ['admin', 'ou_demo_a1'],
    ]);
    for (const r of central) {
      expect(r).toMatchObject({ town: null, school: null, educationGroup: null, groupRole: null, chatId: DEMO_BUREAU_CHAT_ID });
    }
    expect(DEMO_BUREAU_CHAT_ID).toBe('oc_demo_bureau');
  });

  it('uses unique open ids in the documented shapes and unique names', () => {
    expect(new Set(rows.map((r) => r.openId)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
    expect(rows.find((r) => r.openId === 'ou_demo_p01')?.role).toBe('principal');
    expect(rows.find((r) => r.openId === 'ou_demo_t0101')).toMatchObject({ role: 'teacher', chatId: 'oc_demo_school_01' });
    for (const r of rows) {
      expect(r.openId).toMatch(/^ou_demo_(t\d{4}|p\d{2}|b\d|a\d)$/);
      expect(r.name).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
    }
  });

  it('is deterministic and numbers lines like a CSV export', () => {
    expect(buildDemoCounty()).toEqual(rows);
    expect(rows.map((r) => r.line)).toEqual(rows.map((_, i) => i + 2));
  });

  it('round-trips through rosterToCsv and parseRosterCsv', () => {
    const text = rosterToCsv(rows);
    expect(text.split('\n')[0]).toBe('town,school,education_group,group_role,name,role,open_id,chat_id');
    expect(text).toContain('首善街道,首善街道中心小学(示例),首善教育集团,core,');
    expect(parseRosterCsv(text)).toEqual({ ok: true, rows });
  });
});

describe('rosterToCsv', () => {
  it('quotes cells with commas and writes nulls as empty cells', () => {
    const rows: RosterRow[] = [
      { line: 2, town: '齐镇', school: '齐镇中心小学,东校区', educationGroup: null, groupRole: null, name: '王建华', role: 'teacher', openId: 'ou_t1', chatId: 'oc_s1' },
      { line: 3, town: '横渠镇', school: '横渠初级中学', educationGroup: '横渠教育集团', groupRole: 'weak', name: '李志军', role: 'principal', openId: 'ou_p2', chatId: 'oc_s2' },
      { line: 4, town: null, school: null, educationGroup: null, groupRole: null, name: '张国敏', role: 'admin', openId: 'ou_a1', chatId: null },
    ];
    const text = rosterToCsv(rows);
    expect(text).toBe(
      'town,school,education_group,group_role,name,role,open_id,chat_id\n' +
        '齐镇,"齐镇中心小学,东校区",,,王建华,teacher,ou_t1,oc_s1\n' +
        '横渠镇,横渠初级中学,横渠教育集团,weak,李志军,principal,ou_p2,oc_s2\n' +
        ',,,,张国敏,admin,ou_a1,\n',
    );
    expect(parseRosterCsv(text)).toEqual({ ok: true, rows });
  });
});
