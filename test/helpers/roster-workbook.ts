import ExcelJS, { type CellValue } from 'exceljs';

/** An .xlsx file's bytes, built with exceljs as an admin's Excel or WPS would save it: one row per array, top to bottom. */
export async function buildWorkbook(sheets: ReadonlyArray<{ name: string; rows: ReadonlyArray<readonly CellValue[]> }>): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const { name, rows } of sheets) {
    const sheet = workbook.addWorksheet(name);
    rows.forEach((cells, i) => {
      const row = sheet.getRow(i + 1);
      cells.forEach((value, c) => {
        if (value !== null && value !== undefined) row.getCell(c + 1).value = value;
      });
      row.commit();
    });
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
