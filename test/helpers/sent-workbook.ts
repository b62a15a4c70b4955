import ExcelJS from 'exceljs';
import type { SandboxMessage } from '../../src/lark/sandbox/sandbox-state.js';

/** A sheet's rows under its header, as objects keyed by the header's words. */
export function rowsOf(sheet: ExcelJS.Worksheet): Record<string, ExcelJS.CellValue>[] {
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
  const rows: Record<string, ExcelJS.CellValue>[] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) rows.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).value])));
  });
  return rows;
}

export async function openWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook;
}

/** The bytes of a file message the bot sent, as the sandbox stored its upload. */
export async function downloadSentFile(sandboxUrl: string, message: SandboxMessage): Promise<Uint8Array> {
  const key = (message.content as { file_key: string }).file_key;
  return new Uint8Array(await (await fetch(`${sandboxUrl}/sandbox/files/${key}`)).arrayBuffer());
}
