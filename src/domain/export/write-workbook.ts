import type { Writable } from 'node:stream';
import { DomainError } from '../../errors.js';
import { exportTexts } from '../../texts/export-texts.js';
import { localParts } from '../time/zoned-time.js';
import { neutralizeFormula } from './export-responses.js';

/** `date`: a local day (a Date at its UTC midnight); `datetime`: an instant, shown at the bureau's local time. */
export type ColumnKind = 'text' | 'number' | 'date' | 'datetime';
export type SheetColumn = { header: string; kind: ColumnKind };
export type Cell = string | number | Date | null | undefined;
export type SheetSpec = { name: string; columns: readonly SheetColumn[]; rows: AsyncIterable<readonly Cell[]> };

const NUM_FMT: Partial<Record<ColumnKind, string>> = { date: 'yyyy-mm-dd', datetime: 'yyyy-mm-dd hh:mm' };
/** Rows read before the columns' widths are fixed (a streamed sheet cannot widen a column later). */
const WIDTH_SAMPLE = 300;
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;

/** Display width: a 汉字 takes about two Latin columns. */
const displayWidth = (text: string) => [...text].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e7f ? 2 : 1), 0);

function shownWidth(cell: Cell, kind: ColumnKind): number {
  if (cell === null || cell === undefined) return 0;
  if (kind === 'date') return 10;
  if (kind === 'datetime') return 16;
  return displayWidth(String(cell));
}

/**
 * Writes the sheets, one after the other, as a streamed .xlsx into `out` (exceljs' WorkbookWriter:
 * each row is written as it comes, so a province's workbook is never whole in memory). Every sheet
 * has its header row frozen, widths that fit its first rows, numbers as numbers, dates as dates;
 * text cells are neutralised (a leading = + - @ is not a formula). Returns the rows per sheet.
 */
export async function writeWorkbook(sheets: readonly SheetSpec[], out: Writable, o: { timezone: string }): Promise<Record<string, number>> {
  // Loaded here, not at the top: only an export needs it, and the Worker build has none (it answers that export runs on Node).
  const excel = (await import('exceljs')) as Partial<typeof import('exceljs')> & { default?: typeof import('exceljs') };
  const ExcelJS = excel.default?.stream ? excel.default : excel;
  if (!ExcelJS.stream?.xlsx?.WorkbookWriter) throw new DomainError('export_unavailable', exportTexts.nodeOnly);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Ducha';
  const counts: Record<string, number> = {};
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
    const iterator = sheet.rows[Symbol.asyncIterator]();
    const sample: (readonly Cell[])[] = [];
    for (let next = await iterator.next(); !next.done; next = sample.length < WIDTH_SAMPLE ? await iterator.next() : { done: true, value: undefined }) {
      sample.push(next.value);
      if (sample.length >= WIDTH_SAMPLE) break;
    }
    worksheet.columns = sheet.columns.map((column, i) => {
      const width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, displayWidth(column.header) + 2, ...sample.map((row) => shownWidth(row[i], column.kind) + 2)));
      // exceljs leaves out a column of width 9 (its idea of the default), and Excel's default is 8.43: too narrow.
      return { key: `c${i}`, width: width === 9 ? 10 : width };
    });
    const header = worksheet.addRow(sheet.columns.map((c) => c.header));
    header.font = { bold: true };
    header.commit();
    let count = 0;
    const add = (row: readonly Cell[]) => {
      const added = worksheet.addRow(sheet.columns.map((column, i) => cellValue(row[i], column.kind, o.timezone)));
      sheet.columns.forEach((column, i) => {
        const format = NUM_FMT[column.kind];
        if (format && row[i] !== null && row[i] !== undefined) added.getCell(i + 1).numFmt = format;
      });
      added.commit();
      count++;
    };
    for (const row of sample) add(row);
    if (sample.length >= WIDTH_SAMPLE) for (let next = await iterator.next(); !next.done; next = await iterator.next()) add(next.value);
    worksheet.commit();
    counts[sheet.name] = count;
  }
  await workbook.commit();
  return counts;
}

function cellValue(cell: Cell, kind: ColumnKind, timezone: string): string | number | Date | null {
  if (cell === null || cell === undefined || cell === '') return null;
  switch (kind) {
    case 'number':
      return typeof cell === 'number' ? cell : Number(cell);
    case 'date':
      // `2026-12-03` as that day; Excel's dates have no zone, so the wall date goes in as UTC.
      return typeof cell === 'string' ? new Date(`${cell}T00:00:00Z`) : (cell as Date);
    case 'datetime': {
      const p = localParts(cell as Date, timezone);
      return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second));
    }
    default:
      return neutralizeFormula(String(cell));
  }
}
