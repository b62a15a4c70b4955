import type { GroupRole } from '../../db/schema/roster.js';
import { rosterImportTexts as t } from '../../texts/roster-import-texts.js';
import { RosterChecker } from './roster-checker.js';

export type RosterRole = 'teacher' | 'principal' | 'bureau' | 'admin';

export type RosterRow = {
  line: number;
  town: string | null;
  school: string | null;
  educationGroup: string | null;
  /** The school's part in its education group: 核心校, 成员校 or 薄弱校; null when not given. */
  groupRole: GroupRole | null;
  name: string;
  role: RosterRole;
  openId: string;
  chatId: string | null;
};

/** `reason` is shown to bureau staff as-is, so it is short Simplified Chinese. */
export type RosterProblem = { line: number; reason: string };

export type RosterParseResult = { ok: true; rows: RosterRow[] } | { ok: false; problems: RosterProblem[] };

/** One row of a CSV file or worksheet: its spreadsheet row number (the header is usually 1) and its cells as text. */
export type RosterRecord = { line: number; cells: readonly string[] };

// chat_id (群id) is optional: a chat binds itself when the bot is added to it; given, it binds the school's chat as before.
const REQUIRED_COLUMNS = ['town', 'school', 'name', 'role', 'open_id'] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | 'chat_id' | 'education_group' | 'group_role' | ContactColumn;
/** Columns that may stand in for open_id: `import-roster` looks them up in Lark's contact directory. */
export type ContactColumn = 'mobile' | 'email';
const CONTACT_COLUMNS: readonly ContactColumn[] = ['mobile', 'email'];

// Maps, not object literals, so a cell like "constructor" can't hit Object.prototype.
// Keys are folded as in foldKey: NFKC, no spaces, lower case (so 群ID, 群id and ＯＰＥＮ_ＩＤ all match).
const COLUMN_ALIASES = new Map<string, Column>([
  ['town', 'town'],
  ['镇街', 'town'],
  ['乡镇', 'town'],
  ['school', 'school'],
  ['学校', 'school'],
  ['name', 'name'],
  ['姓名', 'name'],
  ['role', 'role'],
  ['角色', 'role'],
  ['open_id', 'open_id'],
  ['chat_id', 'chat_id'],
  ['群id', 'chat_id'],
  ['education_group', 'education_group'],
  ['教育集团', 'education_group'],
  ['group_role', 'group_role'],
  ['集团角色', 'group_role'],
  ['集团内角色', 'group_role'],
  ['mobile', 'mobile'],
  ['手机号', 'mobile'],
  ['手机', 'mobile'],
  ['手机号码', 'mobile'],
  ['email', 'email'],
  ['e-mail', 'email'],
  ['邮箱', 'email'],
  ['电子邮箱', 'email'],
  ['邮箱地址', 'email'],
]);

/** Column names as the admin may write them, for messages: `town（镇街）`. */
const COLUMN_LABELS: Record<Column, string> = {
  town: 'town（镇街）',
  school: 'school（学校）',
  name: 'name（姓名）',
  role: 'role（角色）',
  open_id: 'open_id',
  chat_id: 'chat_id（群id）',
  education_group: 'education_group（教育集团）',
  group_role: 'group_role（集团角色）',
  mobile: 'mobile（手机号）',
  email: 'email（邮箱）',
};

const ROLE_ALIASES = new Map<string, RosterRole>([
  ['teacher', 'teacher'],
  ['principal', 'principal'],
  ['bureau', 'bureau'],
  ['admin', 'admin'],
  ['教师', 'teacher'],
  ['老师', 'teacher'],
  ['校长', 'principal'],
  ['教育局', 'bureau'],
  ['教体局', 'bureau'],
  ['局里', 'bureau'],
  ['督查', 'bureau'],
  ['管理员', 'admin'],
]);

// Simplified, short and English forms, and the Traditional 成員校 (核心校 and 薄弱校 are written alike).
const GROUP_ROLE_ALIASES = new Map<string, GroupRole>([
  ['核心校', 'core'],
  ['核心', 'core'],
  ['core', 'core'],
  ['成员校', 'member'],
  ['成员', 'member'],
  ['成員校', 'member'],
  ['成員', 'member'],
  ['member', 'member'],
  ['薄弱校', 'weak'],
  ['薄弱', 'weak'],
  ['weak', 'weak'],
]);

const foldKey = (raw: string): string => raw.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/** Accepts the English role in any case/spacing (NFKC folds full-width letters) or a Chinese alias. */
export function normalizeRosterRole(raw: string): RosterRole | null {
  return ROLE_ALIASES.get(foldKey(raw)) ?? null;
}

/** 核心校/成员校/薄弱校 (or 核心, 成员, 薄弱, core, member, weak, in any case/width) as stored. */
export function normalizeGroupRole(raw: string): GroupRole | null {
  return GROUP_ROLE_ALIASES.get(foldKey(raw)) ?? null;
}

/**
 * Open ids for rows that give a mobile or email instead of an open_id (see resolveRosterContacts),
 * by line, with the value each came from for messages; and the problems of the rows that found none.
 */
export type ResolvedContacts = { openIds: ReadonlyMap<number, { openId: string; from: string }>; problems: readonly RosterProblem[] };

/** The header and data rows of a roster, with a reader of one row's cell by column (trimmed, '' when absent). */
export type RosterTable = {
  header: RosterRecord;
  data: RosterRecord[];
  has(column: Column): boolean;
  cell(record: RosterRecord, column: Column): string;
};

/**
 * The first non-blank record is the header (English or Chinese column names, in any order, extra
 * columns ignored), every later non-blank one a person. Rows whose cells are all blank are what
 * spreadsheets export for empty rows, and are skipped.
 */
export function readRosterTable(records: readonly RosterRecord[]): { ok: true; table: RosterTable } | { ok: false; problems: RosterProblem[] } {
  const nonBlank = records.filter((r) => r.cells.some((cell) => cell.trim() !== ''));
  const [header, ...data] = nonBlank;
  if (!header) return { ok: false, problems: [{ line: 1, reason: t.emptyFile(REQUIRED_COLUMNS.join(',')) }] };

  const columns = readHeader(header.cells, header.line);
  if (!columns.ok) return { ok: false, problems: columns.problems };
  if (data.length === 0) return { ok: false, problems: [{ line: header.line, reason: t.noDataRows }] };
  const { index } = columns;
  const cell = (record: RosterRecord, c: Column): string => {
    const i = index.get(c);
    return i === undefined ? '' : (record.cells[i] ?? '').trim();
  };
  return { ok: true, table: { header, data, has: (c) => index.has(c), cell } };
}

/**
 * The roster checks shared by CSV and .xlsx (see readRosterTable). A row with no open_id but a
 * mobile or email takes the open_id `resolved` found for it; without `resolved`, it is refused.
 */
export function rosterFromRecords(records: readonly RosterRecord[], resolved?: ResolvedContacts): RosterParseResult {
  const read = readRosterTable(records);
  if (!read.ok) return read;
  const { table } = read;
  const byContact = CONTACT_COLUMNS.some((c) => table.has(c));

  const checker = new RosterChecker();
  const rows: RosterRow[] = [];
  const extra: RosterProblem[] = [...(resolved?.problems ?? [])];
  for (const record of table.data) {
    const { line } = record;
    const cell = (c: Column): string => table.cell(record, c);
    const viaContact = cell('open_id') === '' && CONTACT_COLUMNS.some((c) => cell(c) !== '');
    const found = viaContact ? resolved?.openIds.get(line) : undefined;
    if (viaContact && !resolved) extra.push({ line, reason: t.contactNeedsLookup });
    const row = checker.check(line, {
      town: cell('town'),
      school: cell('school'),
      educationGroup: cell('education_group'),
      groupRole: normalizeGroupRole(cell('group_role')),
      rawGroupRole: cell('group_role'),
      name: cell('name'),
      role: normalizeRosterRole(cell('role')),
      rawRole: cell('role'),
      openId: cell('open_id') || (found?.openId ?? ''),
      chatId: cell('chat_id'),
      openIdFrom: !byContact || cell('open_id') !== '' ? undefined : viaContact ? (found?.from ?? null) : '',
    });
    if (row) rows.push(row);
  }
  // A row with no open_id has a problem above; should one slip through, it is refused, never stored.
  for (const row of rows) if (row.openId === '' && !extra.some((p) => p.line === row.line)) extra.push({ line: row.line, reason: t.contactNeedsLookup });
  const problems = [...checker.problems, ...extra].sort((a, b) => a.line - b.line);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}

function readHeader(
  cells: readonly string[],
  line: number,
): { ok: true; index: Map<Column, number> } | { ok: false; problems: RosterProblem[] } {
  const index = new Map<Column, number>();
  const duplicated = new Set<Column>();
  cells.forEach((raw, i) => {
    const known = COLUMN_ALIASES.get(foldKey(raw));
    if (!known) return; // extra columns are allowed and ignored
    if (index.has(known)) duplicated.add(known);
    else index.set(known, i);
  });

  const problems: RosterProblem[] = [];
  // A mobile or email column stands in for open_id: the import looks people up in Lark's directory.
  const byContact = CONTACT_COLUMNS.some((c) => index.has(c));
  const missing = REQUIRED_COLUMNS.filter((c) => !index.has(c) && !(c === 'open_id' && byContact));
  if (missing.length > 0) {
    problems.push({ line, reason: t.missingColumns(missing.map((c) => COLUMN_LABELS[c]).join('、'), REQUIRED_COLUMNS.join(',')) });
  }
  if (duplicated.size > 0) problems.push({ line, reason: t.duplicateColumns([...duplicated].join('、')) });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, index };
}
