import { rosterFromRecords, type RosterParseResult } from '../domain/roster/roster-row.js';
import { readTableFile } from './read-table-file.js';

export type RosterFile = { ok: true; roster: RosterParseResult } | { ok: false; message: string };

/** A roster file (.xlsx or CSV, see readTableFile), checked row by row. */
export async function readRosterFile(file: string): Promise<RosterFile> {
  const table = await readTableFile(file);
  switch (table.kind) {
    case 'refused':
      return { ok: false, message: table.message };
    case 'malformed':
      return { ok: true, roster: { ok: false, problems: [table.problem] } };
    case 'records':
      return { ok: true, roster: rosterFromRecords(table.records) };
  }
}
