import { rosterImportTexts as t } from '../../texts/roster-import-texts.js';
import { readRosterTable, rosterFromRecords, type RosterParseResult, type RosterProblem, type RosterRecord } from './roster-row.js';

/** Mobiles and emails to look up, each list without repeats, as normalizeMobile/normalizeEmail give them. */
export type ContactQuery = { mobiles: readonly string[]; emails: readonly string[] };

/** The open_id found for each mobile and email; one Lark gave none for is absent. Keys as in the query. */
export type ContactMatches = { byMobile: ReadonlyMap<string, string>; byEmail: ReadonlyMap<string, string> };

/**
 * Why the directory could not be asked at all: the app lacks the permission, Lark (or the sandbox)
 * could not be reached, or it refused or failed otherwise (`detail` is Lark's code and message).
 */
export type ContactLookupFailure = { kind: 'no_permission' | 'unreachable' | 'failed'; detail: string };

/** Lark's contact directory (contact/v3/users/batch_get_id), or the sandbox's. */
export type ContactLookup = (query: ContactQuery) => Promise<{ ok: true; matches: ContactMatches } | { ok: false; failure: ContactLookupFailure }>;

export type ContactResolution =
  /** `unresolved`: how many rows named someone Lark did not find (the CLI then says which setting to check). */
  | { kind: 'parsed'; roster: RosterParseResult; unresolved: number }
  | { kind: 'failed'; failure: ContactLookupFailure; rows: number };

const MAINLAND = /^(?:\+86|0086|86)?(1[3-9]\d{9})$/;
const INTERNATIONAL = /^(?:\+|00)([1-9]\d{6,14})$/;
const SEPARATORS = /[\s\-().\u00a0]/g;

/**
 * A mobile number as admins type it (`138 0013 8000`, `+86 13800138000`, `138-0013-8000`, full-width
 * digits) in the form Lark's directory takes: a mainland number bare (11 digits), any other with `+`
 * and its country code. Null for what is no mobile number (a landline, too few digits, letters).
 */
export function normalizeMobile(raw: string): string | null {
  const compact = raw.normalize('NFKC').replace(SEPARATORS, '');
  const mainland = MAINLAND.exec(compact);
  if (mainland) return mainland[1]!;
  const international = INTERNATIONAL.exec(compact);
  return international && !international[1]!.startsWith('86') ? `+${international[1]}` : null;
}

/** An email address as typed (full-width ＠ folded, spaces around trimmed), or null when it is none. */
export function normalizeEmail(raw: string): string | null {
  const email = raw.normalize('NFKC').trim();
  return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(email) ? email : null;
}

/** A row to look up: its line and name, and its mobile and email as normalised (and as typed, for messages). */
type Wanted = { line: number; name: string; mobile: string | null; email: string | null; typed: { mobile: string; email: string } };

/**
 * Reads a roster whose rows may name people by mobile or email instead of open_id: those values
 * are checked, looked up with `lookup` (asked only when some row needs it, once for all of them),
 * and the open_ids found go into the rows; a value Lark does not know is a problem of its line.
 * Rows with an open_id are read as before, their mobile and email ignored. Nothing here keeps the
 * mobiles or emails: the rows carry only the open_ids.
 */
export async function resolveRosterContacts(records: readonly RosterRecord[], lookup: () => Promise<ContactLookup>): Promise<ContactResolution> {
  const read = readRosterTable(records);
  if (!read.ok) return { kind: 'parsed', roster: read, unresolved: 0 };
  const { table } = read;

  const problems: RosterProblem[] = [];
  const wanted: Wanted[] = [];
  for (const record of table.data) {
    if (table.cell(record, 'open_id') !== '') continue;
    const rawMobile = table.cell(record, 'mobile');
    const rawEmail = table.cell(record, 'email');
    const mobile = rawMobile === '' ? null : normalizeMobile(rawMobile);
    const email = rawEmail === '' ? null : normalizeEmail(rawEmail);
    if (rawMobile !== '' && !mobile) problems.push({ line: record.line, reason: t.notAMobile(rawMobile) });
    if (rawEmail !== '' && !email) problems.push({ line: record.line, reason: t.notAnEmail(rawEmail) });
    if (mobile || email) wanted.push({ line: record.line, name: table.cell(record, 'name'), mobile, email, typed: { mobile: rawMobile, email: rawEmail } });
  }
  if (wanted.length === 0) return { kind: 'parsed', roster: rosterFromRecords(records, { openIds: new Map(), problems }), unresolved: 0 };

  const query = {
    mobiles: [...new Set(wanted.flatMap((w) => (w.mobile ? [w.mobile] : [])))],
    emails: [...new Set(wanted.flatMap((w) => (w.email ? [w.email] : [])))],
  };
  const answer = await (await lookup())(query);
  if (!answer.ok) return { kind: 'failed', failure: answer.failure, rows: wanted.length };

  const { byMobile, byEmail } = answer.matches;
  const openIds = new Map<number, { openId: string; from: string }>();
  let unresolved = 0;
  for (const w of wanted) {
    const viaMobile = w.mobile ? byMobile.get(w.mobile) : undefined;
    const viaEmail = w.email ? byEmail.get(w.email) : undefined;
    if (viaMobile && viaEmail && viaMobile !== viaEmail) {
      problems.push({ line: w.line, reason: t.mobileAndEmailDisagree(w.name, w.typed.mobile, w.typed.email) });
    } else if (viaMobile) {
      openIds.set(w.line, { openId: viaMobile, from: t.mobileLabel(w.typed.mobile) });
    } else if (viaEmail) {
      openIds.set(w.line, { openId: viaEmail, from: t.emailLabel(w.typed.email) });
    } else {
      unresolved++;
      const values = [w.mobile ? t.mobileLabel(w.typed.mobile) : null, w.email ? t.emailLabel(w.typed.email) : null].filter((v): v is string => v !== null);
      problems.push({ line: w.line, reason: t.notInDirectory(w.name, values) });
    }
  }
  return { kind: 'parsed', roster: rosterFromRecords(records, { openIds, problems }), unresolved };
}
