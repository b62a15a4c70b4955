import { stringify } from 'csv-stringify/sync';
import type { GroupRole } from '../../db/schema/roster.js';
import type { RosterRole, RosterRow } from './roster-row.js';

/** Mei County (眉县), Baoji: the real towns, with invented schools and people for demos and tests. */
export const DEMO_TOWNS = ['首善街道', '横渠镇', '槐芽镇', '汤峪镇', '常兴镇', '金渠镇', '营头镇', '齐镇'] as const;

export const DEMO_BUREAU_CHAT_ID = 'oc_demo_bureau';

// Groups are led by the strongest town's schools; 齐镇's two schools stay independent so a
// school without a group shows up in demos too.
const GROUP_BY_TOWN: Record<(typeof DEMO_TOWNS)[number], string | null> = {
  首善街道: '首善教育集团',
  金渠镇: '首善教育集团',
  横渠镇: '横渠教育集团',
  常兴镇: '横渠教育集团',
  槐芽镇: '槐芽教育集团',
  汤峪镇: '槐芽教育集团',
  营头镇: '营头教育集团',
  齐镇: null,
};

/**
 * Each group's first town (in DEMO_TOWNS order) holds its 核心校, its first school; the second
 * school of its second town is its 薄弱校; every other school in it is a 成员校. 营头教育集团 has
 * one town only, so it has no 薄弱校.
 */
function groupRoleOf(town: (typeof DEMO_TOWNS)[number], school: number): GroupRole | null {
  const group = GROUP_BY_TOWN[town];
  if (group === null) return null;
  const townInGroup = DEMO_TOWNS.filter((t) => GROUP_BY_TOWN[t] === group).indexOf(town);
  if (townInGroup === 0 && school === 0) return 'core';
  if (townInGroup === 1 && school === 1) return 'weak';
  return 'member';
}

const SURNAMES = '王张李刘杨赵陈马高郭董何吕田雷周吴孙冯薛韩党魏贾'.split('');
const GIVEN_FIRST = '建国志文晓丽雅海俊子明思欣佳春秀红永玉'.split('');
const GIVEN_LAST = '华敏军芳涛娟强霞伟婷鹏燕磊洁峰琳平梅勇辉静波宁'.split('');

/** Deterministic, county-unique names: list lengths 24/19/23 are coprime, so combinations rarely repeat. */
function nameGenerator(): () => string {
  const used = new Set<string>();
  let k = 0;
  return () => {
    for (;;) {
      const n = k++;
      const last = GIVEN_LAST[n % GIVEN_LAST.length]!;
      const given = n % 4 === 3 ? last : GIVEN_FIRST[n % GIVEN_FIRST.length]! + last;
      const name = SURNAMES[n % SURNAMES.length]! + given;
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** "横渠镇" → "横渠", but "齐镇" keeps its suffix so the school name doesn't shrink to one character. */
function shortTown(town: string): string {
  const short = town.replace(/(街道|镇)$/, '');
  return short.length >= 2 ? short : town;
}

export function buildDemoCounty(): RosterRow[] {
  const nextName = nameGenerator();
  const people: Omit<RosterRow, 'line'>[] = [];
  const person = (role: RosterRole, openId: string, chatId: string, school?: { town: string; name: string; group: string | null; groupRole: GroupRole | null }) =>
    people.push({
      town: school?.town ?? null,
      school: school?.name ?? null,
      educationGroup: school?.group ?? null,
      groupRole: school?.groupRole ?? null,
      name: nextName(),
      role,
      openId,
      chatId,
    });

  DEMO_TOWNS.forEach((town, t) => {
    const names = [`${town}中心小学(示例)`, `${shortTown(town)}初级中学(示例)`];
    names.forEach((name, s) => {
      const index = t * 2 + s; // 0-based school index across the county
      const no = pad2(index + 1);
      const school = { town, name, group: GROUP_BY_TOWN[town], groupRole: groupRoleOf(town, s) };
      const chatId = `oc_demo_school_${no}`;
      person('principal', `ou_demo_p${no}`, chatId, school);
      // 4..8 teachers, varied by school index so demo tables aren't uniform.
      const teachers = 4 + ((index * 3) % 5);
      for (let i = 1; i <= teachers; i++) person('teacher', `ou_demo_t${no}${pad2(i)}`, chatId, school);
    });
  });

  person('bureau', 'ou_demo_b1', DEMO_BUREAU_CHAT_ID);
  person('bureau', 'ou_demo_b2', DEMO_BUREAU_CHAT_ID);
  person('admin', 'ou_demo_a1', DEMO_BUREAU_CHAT_ID);

  return people.map((p, i) => ({ line: i + 2, ...p }));
}

/**
 * Who is in each demo chat on Lark's side (the sandbox's members API): the roster's people of that
 * chat, and in each school chat two people the roster lacks (a new teacher, a parent volunteer),
 * `ou_demo_xSS01`/`ou_demo_xSS02`, for 「群成员」 to find.
 */
export function buildDemoChatMembers(): Map<string, { open_id: string; name: string }[]> {
  const chats = new Map<string, { open_id: string; name: string }[]>();
  for (const row of buildDemoCounty()) {
    if (!row.chatId) continue;
    chats.set(row.chatId, [...(chats.get(row.chatId) ?? []), { open_id: row.openId, name: row.name }]);
  }
  [...chats.keys()].filter((chatId) => chatId.startsWith('oc_demo_school_')).forEach((chatId, i) => {
    const no = chatId.slice('oc_demo_school_'.length);
    const newcomer = (k: number) => SURNAMES[(i * 2 + k + 7) % SURNAMES.length]! + '新' + GIVEN_LAST[(i * 2 + k) % GIVEN_LAST.length]!;
    chats.get(chatId)!.push({ open_id: `ou_demo_x${no}01`, name: newcomer(0) }, { open_id: `ou_demo_x${no}02`, name: newcomer(1) });
  });
  return chats;
}

const CSV_COLUMNS = ['town', 'school', 'education_group', 'group_role', 'name', 'role', 'open_id', 'chat_id'] as const;

/** Serialises rows in the layout parseRosterCsv reads; null cells become empty. No BOM is added. */
export function rosterToCsv(rows: RosterRow[]): string {
  return stringify(
    rows.map((r) => [r.town ?? '', r.school ?? '', r.educationGroup ?? '', r.groupRole ?? '', r.name, r.role, r.openId, r.chatId ?? '']),
    { header: true, columns: [...CSV_COLUMNS] },
  );
}

/**
 * The demo county's people as the sandbox's tenant knows them, so that a roster naming them by
 * mobile or email imports in sandbox mode: clearly fake mobiles (1380000 and a four-digit number in
 * roster order: 13800000001 is the first principal) and emails (`t0101@example.edu.cn` for ou_demo_t0101).
 */
export function buildDemoDirectory(): { openId: string; name: string; mobile: string; email: string }[] {
  return buildDemoCounty().map((row, i) => ({
    openId: row.openId,
    name: row.name,
    mobile: `1380000${String(i + 1).padStart(4, '0')}`,
    email: `${row.openId.replace(/^ou_demo_/, '')}@example.edu.cn`,
  }));
}
