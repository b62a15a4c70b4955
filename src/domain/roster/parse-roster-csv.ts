import { parseCsvRecords } from '../text/parse-csv-records.js';
import { rosterFromRecords, type RosterParseResult } from './roster-row.js';

/** A roster CSV (or tab-separated text), already decoded (see decodeText); a leading BOM is ignored. */
export function parseRosterCsv(text: string): RosterParseResult {
  const parsed = parseCsvRecords(text);
  return parsed.ok ? rosterFromRecords(parsed.records) : { ok: false, problems: [parsed.problem] };
}
