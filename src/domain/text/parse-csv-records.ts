import { CsvError, parse } from 'csv-parse/sync';
import { rosterImportTexts as t } from '../../texts/roster-import-texts.js';

/** One row of a CSV file or worksheet: its spreadsheet row number (the header is usually 1) and its cells as text. */
export type TableRecord = { line: number; cells: readonly string[] };

/** A file that is not CSV at all, pointed at the row where the broken record starts. */
export type CsvMalformed = { line: number; reason: string };

export type CsvRecords = { ok: true; records: TableRecord[] } | { ok: false; problem: CsvMalformed };

type ParsedRecord = { record: string[]; info: { records: number; empty_lines: number } };

/**
 * Line numbers are spreadsheet rows: records so far (header included) plus skipped empty lines.
 * A quoted multi-line cell stays one row, as in Excel/WPS. We avoid csv-parse's `info.lines`:
 * it is the record's *last* text line and double-counts CRLF inside quoted cells.
 */
function rowNumber(info: { records: number; empty_lines: number }): number {
  return info.records + info.empty_lines;
}

/**
 * Excel's "Unicode 文本" (UTF-16 LE) separates cells with tabs: a header line with tabs and no
 * comma means a tab-separated file.
 */
function delimiterOf(text: string): ',' | '\t' {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  return header.includes('\t') && !header.includes(',') ? '\t' : ',';
}

/** A CSV (or tab-separated text), already decoded (see decodeText), as records; a leading BOM is ignored. */
export function parseCsvRecords(text: string): CsvRecords {
  let parsed: ParsedRecord[];
  try {
    parsed = parse(text, {
      bom: true,
      delimiter: delimiterOf(text),
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as ParsedRecord[];
  } catch (err) {
    return { ok: false, problem: malformedCsvProblem(err) };
  }
  return { ok: true, records: parsed.map(({ record, info }) => ({ line: rowNumber(info), cells: record })) };
}

/** Points at the row where the broken record starts; csv-parse's own text line goes in the reason. */
function malformedCsvProblem(err: unknown): CsvMalformed {
  if (!(err instanceof CsvError)) throw err;
  const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
  const line = num(err['records']) + num(err['empty_lines']) + 1;
  const what = t.csvErrors[err.code] ?? t.csvUnparsable(err.code);
  return { line, reason: t.csvMalformed(what, num(err['lines'])) };
}
