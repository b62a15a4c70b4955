import { CsvError, parse } from 'csv-parse/sync';

export type RosterRole = 'teacher' | 'principal' | 'bureau' | 'admin';

export type RosterRow = {
  line: number;
  town: string | null;
  school: string | null;
  educationGroup: string | null;
  name: string;
  role: RosterRole;
  openId: string;
  chatId: string | null;
};

/** `reason` is shown to bureau staff as-is, so it is short Simplified Chinese. */
export type RosterProblem = { line: number; reason: string };

export type RosterParseResult = { ok: true; rows: RosterRow[] } | { ok: false; problems: RosterProblem[] };

const REQUIRED_COLUMNS = ['town', 'school', 'name', 'role', 'open_id', 'chat_id'] as const;
const KNOWN_COLUMNS = [...REQUIRED_COLUMNS, 'education_group'] as const;
type Column = (typeof KNOWN_COLUMNS)[number];

// A Map, not an object literal, so a cell like "constructor" can't hit Object.prototype.
const ROLE_ALIASES = new Map<string, RosterRole>([
  ['teacher', 'teacher'],
  ['principal', 'principal'],
  ['bureau', 'bureau'],
  ['admin', 'admin'],
  ['教师', 'teacher'],
  ['老师', 'teacher'],
  ['校长', 'principal'],
  ['教体局', 'bureau'],
  ['局里', 'bureau'],
  ['督查', 'bureau'],
  ['管理员', 'admin'],
]);

const ROLE_LABELS: Record<RosterRole, string> = {
  teacher: '教师',
  principal: '校长',
  bureau: '教体局人员',
  admin: '管理员',
};

/** Accepts the English role in any case/spacing (NFKC folds full-width letters) or a Chinese alias. */
export function normalizeRosterRole(raw: string): RosterRole | null {
  return ROLE_ALIASES.get(raw.normalize('NFKC').replace(/\s+/g, '').toLowerCase()) ?? null;
}

type ParsedRecord = { record: string[]; info: { records: number; empty_lines: number } };

/**
 * Line numbers are spreadsheet rows: records so far (header included) plus skipped empty lines.
 * A quoted multi-line cell stays one row, as in Excel/WPS. We avoid csv-parse's `info.lines`:
 * it is the record's *last* text line and double-counts CRLF inside quoted cells.
 */
function rowNumber(info: { records: number; empty_lines: number }): number {
  return info.records + info.empty_lines;
}

export function parseRosterCsv(text: string): RosterParseResult {
  let records: ParsedRecord[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as ParsedRecord[];
  } catch (err) {
    return { ok: false, problems: [malformedCsvProblem(err)] };
  }

  // Rows of only commas/spaces are what spreadsheets export for blank rows.
  const nonBlank = records.filter((r) => r.record.some((cell) => cell.trim() !== ''));
  const [header, ...data] = nonBlank;
  if (!header) {
    return { ok: false, problems: [{ line: 1, reason: `文件为空：缺少表头 ${REQUIRED_COLUMNS.join(',')}` }] };
  }

  const headerLine = rowNumber(header.info);
  const columns = readHeader(header.record, headerLine);
  if (!columns.ok) return { ok: false, problems: columns.problems };
  if (data.length === 0) return { ok: false, problems: [{ line: headerLine, reason: '名册没有数据行' }] };

  const checker = new RosterChecker();
  const rows: RosterRow[] = [];
  for (const { record, info } of data) {
    const cell = (c: Column): string => {
      const i = columns.index.get(c);
      return i === undefined ? '' : (record[i] ?? '').trim();
    };
    const row = checker.check(rowNumber(info), {
      town: cell('town'),
      school: cell('school'),
      educationGroup: cell('education_group'),
      name: cell('name'),
      role: cell('role'),
      openId: cell('open_id'),
      chatId: cell('chat_id'),
    });
    if (row) rows.push(row);
  }
  return checker.problems.length > 0 ? { ok: false, problems: checker.problems } : { ok: true, rows };
}

function readHeader(
  cells: string[],
  line: number,
): { ok: true; index: Map<Column, number> } | { ok: false; problems: RosterProblem[] } {
  const index = new Map<Column, number>();
  const duplicated = new Set<Column>();
  cells.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    const known = KNOWN_COLUMNS.find((c) => c === name);
    if (!known) return; // extra columns are allowed and ignored
    if (index.has(known)) duplicated.add(known);
    else index.set(known, i);
  });

  const problems: RosterProblem[] = [];
  const missing = REQUIRED_COLUMNS.filter((c) => !index.has(c));
  if (missing.length > 0) {
    problems.push({
      line,
      reason: `表头缺少必需列：${missing.join('、')}（需要 ${REQUIRED_COLUMNS.join(',')}）`,
    });
  }
  if (duplicated.size > 0) {
    problems.push({ line, reason: `表头列重复：${[...duplicated].join('、')}` });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, index };
}

const CSV_ERROR_REASONS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: '引号没有闭合',
  INVALID_OPENING_QUOTE: '单元格中间出现了引号',
  CSV_INVALID_CLOSING_QUOTE: '引号闭合后还有多余字符',
};

/** Points at the row where the broken record starts; csv-parse's own text line goes in the reason. */
function malformedCsvProblem(err: unknown): RosterProblem {
  if (!(err instanceof CsvError)) throw err;
  const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
  const line = num(err['records']) + num(err['empty_lines']) + 1;
  const what = CSV_ERROR_REASONS[err.code] ?? `无法解析（${err.code}）`;
  const textLine = num(err['lines']);
  return { line, reason: `CSV 格式错误：${what}${textLine > 0 ? `（解析器报告在文本第 ${textLine} 行）` : ''}` };
}

type Cells = Record<'town' | 'school' | 'educationGroup' | 'name' | 'role' | 'openId' | 'chatId', string>;
type SchoolSeen = { label: string; chatId: string | null; chatLine: number; group: string; groupLine: number };
type ChatOwner = { key: string; label: string; line: number };

const BUREAU_CHAT_OWNER = '\u0000bureau';

/** Per-row checks plus the cross-row state (open ids, school chats and groups) seen so far. */
class RosterChecker {
  readonly problems: RosterProblem[] = [];
  private readonly openIds = new Map<string, number>();
  private readonly schools = new Map<string, SchoolSeen>();
  private readonly chatOwners = new Map<string, ChatOwner>();

  check(line: number, c: Cells): RosterRow | null {
    const before = this.problems.length;
    const report = (reason: string) => this.problems.push({ line, reason });

    if (c.name === '') report('缺少姓名（name）');

    const role = c.role === '' ? null : normalizeRosterRole(c.role);
    if (c.role === '') report('缺少角色（role）');
    else if (!role) report(`未知角色「${c.role}」，应为 teacher/principal/bureau/admin 或 教师/校长/教体局/管理员`);

    if (c.openId === '') report('缺少 open_id');
    else if (/\s/.test(c.openId)) report(`open_id「${c.openId}」中含有空格`);
    else {
      const first = this.openIds.get(c.openId);
      if (first !== undefined) report(`open_id「${c.openId}」与第 ${first} 行重复`);
      else this.openIds.set(c.openId, line);
    }

    const chatOk = c.chatId !== '' && !/\s/.test(c.chatId);
    if (c.chatId !== '' && !chatOk) report(`chat_id「${c.chatId}」中含有空格`);

    if (role === 'teacher' || role === 'principal') {
      const label = ROLE_LABELS[role];
      const missing = [c.town === '' ? '镇街（town）' : null, c.school === '' ? '学校（school）' : null].filter(
        (m): m is string => m !== null,
      );
      if (missing.length > 0) report(`${label}须填写${missing.join('和')}`);
      // Both belong to the school's chat: teachers check in there, principals' nudges @ their teachers there
      // (principals' own prompts and reminders go 1:1).
      if (c.chatId === '') {
        report(
          role === 'teacher'
            ? `${label}须填写 chat_id（本校群：填报提示发在群里，老师在群里 @我 填报）`
            : `${label}须填写 chat_id（本校群：校长的填报提醒私聊发送，但“在学校群提醒他们”会在这个群里 @ 未填报的老师）`,
        );
      }
      if (missing.length === 0) this.checkSchool(line, c, chatOk);
    } else if (role === 'bureau' || role === 'admin') {
      const filled = [
        c.town !== '' ? `town「${c.town}」` : null,
        c.school !== '' ? `school「${c.school}」` : null,
        c.educationGroup !== '' ? `education_group「${c.educationGroup}」` : null,
      ].filter((f): f is string => f !== null);
      if (filled.length > 0) report(`${ROLE_LABELS[role]}不属于学校，须留空：${filled.join('、')}`);
      if (chatOk) this.claimChat(line, c.chatId, { key: BUREAU_CHAT_OWNER, label: '教体局', line });
    }

    if (this.problems.length > before || !role) return null;
    return {
      line,
      town: c.town || null,
      school: c.school || null,
      educationGroup: c.educationGroup || null,
      name: c.name,
      role,
      openId: c.openId,
      chatId: c.chatId || null,
    };
  }

  // Same town+school = same school; the same school name in another town is a different school.
  private checkSchool(line: number, c: Cells, chatOk: boolean): void {
    const key = `${c.town}\u0000${c.school}`;
    const label = `${c.town}${c.school}`;
    const seen = this.schools.get(key);
    if (!seen) {
      this.schools.set(key, {
        label,
        chatId: chatOk ? c.chatId : null,
        chatLine: line,
        group: c.educationGroup,
        groupLine: line,
      });
      if (chatOk) this.claimChat(line, c.chatId, { key, label: `学校「${label}」`, line });
      return;
    }
    if (chatOk) {
      if (seen.chatId === null) {
        seen.chatId = c.chatId;
        seen.chatLine = line;
        this.claimChat(line, c.chatId, { key, label: `学校「${label}」`, line });
      } else if (seen.chatId !== c.chatId) {
        this.problems.push({
          line,
          reason: `学校「${label}」的 chat_id「${c.chatId}」与第 ${seen.chatLine} 行的「${seen.chatId}」不一致`,
        });
      }
    }
    if (seen.group !== c.educationGroup) {
      this.problems.push({
        line,
        reason: `学校「${label}」的教育集团「${c.educationGroup || '（空）'}」与第 ${seen.groupLine} 行的「${seen.group || '（空）'}」不一致`,
      });
    }
  }

  // The database keys schools by chat id, and the bureau chat must not be a school's chat.
  private claimChat(line: number, chatId: string, owner: ChatOwner): void {
    const current = this.chatOwners.get(chatId);
    if (!current) this.chatOwners.set(chatId, owner);
    else if (current.key !== owner.key) {
      this.problems.push({ line, reason: `chat_id「${chatId}」已是第 ${current.line} 行${current.label}的群` });
    }
  }
}
