import type { CellValue } from 'exceljs';
import { decodeText } from '../domain/text/decode-text.js';
import { parseRosterCsv } from '../domain/roster/parse-roster-csv.js';
import { rosterFromRecords, type RosterParseResult, type RosterRecord } from '../domain/roster/roster-row.js';
import { rosterImportTexts as t, textFileTexts } from '../texts/roster-import-texts.js';
import { readFileBytes } from './read-text-file.js';

export type RosterFile = { ok: true; roster: RosterParseResult } | { ok: false; message: string };

const ZIP = [0x50, 0x4b, 0x03, 0x04]; // .xlsx is a zip archive
const OLE = [0xd0, 0xcf, 0x11, 0xe0]; // the old binary .xls
const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * A roster as the admin has it: a .xlsx workbook (its first worksheet) or a CSV in any encoding
 * readTextFile accepts. The format is told from the content, not the file name, so a workbook
 * renamed to .csv still reads.
 */
export async function readRosterFile(file: string): Promise<RosterFile> {
  const read = await readFileBytes(file);
  if (!read.ok) return read;
  const { bytes } = read;
  if (startsWith(bytes, ZIP)) return readWorkbook(bytes);
  if (startsWith(bytes, OLE)) return { ok: false, message: t.oldXls };
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { ok: false, message: textFileTexts.notText };
  return { ok: true, roster: parseRosterCsv(decoded.text) };
}

async function readWorkbook(bytes: Uint8Array): Promise<RosterFile> {
  // Loaded only for workbooks: exceljs is large, and every other command starts without it.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its argument as the ArrayBuffer-backed Buffer of older @types/node.
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (error) {
    return { ok: false, message: t.badXlsx((error as Error).message) };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, message: t.badXlsx(t.noWorksheet) };
  const records: RosterRecord[] = [];
  // Line numbers are the worksheet's own row numbers, as the admin sees them in Excel or WPS.
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell.value);
    });
    records.push({ line: row.number, cells: Array.from(cells, (c) => c ?? '') });
  });
  return { ok: true, roster: rosterFromRecords(records) };
}

/** What the cell shows, as text: rich text joined, a hyperlink's text, a formula's result, a number as written. */
function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) return cellText(value.text as CellValue);
  if ('formula' in value || 'sharedFormula' in value) return cellText((value.result ?? null) as CellValue);
  if ('error' in value) return value.error;
  return '';
}
