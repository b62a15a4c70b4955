import { resolveRosterContacts, type ContactLookup, type ContactResolution } from '../domain/roster/roster-contacts.js';
import { rosterFromRecords, type RosterParseResult } from '../domain/roster/roster-row.js';
import { readTableFile } from './read-table-file.js';

export type RosterFile = { ok: true; roster: RosterParseResult; unresolved?: number } | { ok: false; message: string } | { ok: 'lookup-failed'; resolution: Extract<ContactResolution, { kind: 'failed' }> };

/**
 * A roster file (.xlsx or CSV, see readTableFile), checked row by row. With `contacts`, rows that
 * name people by mobile or email are looked up there (the directory is opened only when one does);
 * without it, such rows are refused.
 */
export async function readRosterFile(file: string, options: { contacts?: () => Promise<ContactLookup> } = {}): Promise<RosterFile> {
  const table = await readTableFile(file);
  switch (table.kind) {
    case 'refused':
      return { ok: false, message: table.message };
    case 'malformed':
      return { ok: true, roster: { ok: false, problems: [table.problem] } };
    case 'records': {
      if (!options.contacts) return { ok: true, roster: rosterFromRecords(table.records) };
      const resolution = await resolveRosterContacts(table.records, options.contacts);
      return resolution.kind === 'failed' ? { ok: 'lookup-failed', resolution } : { ok: true, roster: resolution.roster, unresolved: resolution.unresolved };
    }
  }
}
