import { StreamableFile } from '@nestjs/common';
import { Workbook, type CellValue } from 'exceljs';
import type { ReportTable } from './report-csv';
import { BORDERS, displayWidth, styleHeaderRow } from './sheet-style';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An API decimal string ("1250000.00"): a number in a spreadsheet, with its decimals shown. */
const DECIMAL = /^-?\d+\.(\d+)$/;

/** A CSV cell as a spreadsheet value: numbers and decimal strings as numbers, the rest as is. */
function xlsxCell(value: unknown): { value: CellValue; numFmt?: string } {
  if (value === null || value === undefined) return { value: null };
  if (typeof value === 'number' || typeof value === 'boolean') return { value };
  if (value instanceof Date) return { value: value.toISOString() };
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const decimal = DECIMAL.exec(text);
  if (decimal) return { value: Number(text), numFmt: `#,##0.${'0'.repeat(decimal[1].length)}` };
  // A text cell is never run as a formula in XLSX: "=HYPERLINK(…)" stays text as written.
  return { value: text };
}

/**
 * The report's CSV table as one worksheet: the same header row and the same rows, numbers as
 * numbers, the header styled and frozen like the leadership pack's sheets.
 */
export async function xlsxBuffer<T>(table: ReportTable<T>): Promise<Buffer> {
  const book = new Workbook();
  book.creator = 'Park Recruitment CRM';
  const sheet = book.addWorksheet(table.name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2' }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1 },
  });
  const headers = table.columns.map((c) => c.header);
  const header = sheet.getRow(1);
  header.values = headers;
  styleHeaderRow(header, 20);
  const widths = headers.map(displayWidth);
  table.rows.forEach((record, r) => {
    const row = sheet.getRow(r + 2);
    table.columns.forEach((column, c) => {
      const { value, numFmt } = xlsxCell(record[column.key]);
      const cell = row.getCell(c + 1);
      cell.value = value;
      cell.border = BORDERS;
      if (numFmt) cell.numFmt = numFmt;
      widths[c] = Math.max(
        widths[c],
        displayWidth(
          typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '',
        ),
      );
    });
  });
  widths.forEach(
    (width, c) => (sheet.getColumn(c + 1).width = Math.min(Math.max(width + 2, 10), 40)),
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** `<name>-<from>.xlsx`, one worksheet. */
export async function xlsxFile<T>(table: ReportTable<T>, suffix: string): Promise<StreamableFile> {
  const buffer = await xlsxBuffer(table);
  return new StreamableFile(buffer, {
    type: XLSX_TYPE,
    disposition: `attachment; filename="${table.name}-${suffix}.xlsx"`,
    length: buffer.length,
  });
}
