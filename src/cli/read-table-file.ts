import type { CellValue } from 'exceljs';
import { decodeText } from '../domain/text/decode-text.js';
import { parseCsvRecords, type CsvMalformed, type TableRecord } from '../domain/text/parse-csv-records.js';
import { rosterImportTexts as t, textFileTexts } from '../texts/roster-import-texts.js';
import { readFileBytes } from './read-text-file.js';

/**
 * `records`: the rows, header included; `malformed`: a CSV that cannot be split into rows (a
 * problem of the file, at a line); `refused`: a file that is no table we read, said in Chinese.
 */
export type TableFile =
  | { kind: 'records'; records: TableRecord[] }
  | { kind: 'malformed'; problem: CsvMalformed }
  | { kind: 'refused'; message: string };

const ZIP = [0x50, 0x4b, 0x03, 0x04]; // .xlsx is a zip archive
const OLE = [0xd0, 0xcf, 0x11, 0xe0]; // the old binary .xls
const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * A table as the admin has it (roster, student list): a .xlsx workbook (its first worksheet) or a
 * CSV in any encoding readTextFile accepts. The format is told from the content, not the file name,
 * so a workbook renamed to .csv still reads.
 */
export async function readTableFile(file: string): Promise<TableFile> {
  const read = await readFileBytes(file);
  if (!read.ok) return { kind: 'refused', message: read.message };
  const { bytes } = read;
  if (startsWith(bytes, ZIP)) return readWorkbook(bytes);
  if (startsWith(bytes, OLE)) return { kind: 'refused', message: t.oldXls };
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { kind: 'refused', message: textFileTexts.notText };
  const parsed = parseCsvRecords(decoded.text);
  return parsed.ok ? { kind: 'records', records: parsed.records } : { kind: 'malformed', problem: parsed.problem };
}

async function readWorkbook(bytes: Uint8Array): Promise<TableFile> {
  // Loaded only for workbooks: exceljs is large, and every other command starts without it.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its argument as the ArrayBuffer-backed Buffer of older @types/node.
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (error) {
    return { kind: 'refused', message: t.badXlsx((error as Error).message) };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { kind: 'refused', message: t.badXlsx(t.noWorksheet) };
  const records: TableRecord[] = [];
  // Line numbers are the worksheet's own row numbers, as the admin sees them in Excel or WPS.
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell.value);
    });
    records.push({ line: row.number, cells: Array.from(cells, (c) => c ?? '') });
  });
  return { kind: 'records', records };
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
