import type { Cell, Row } from 'exceljs';

/** The grid and header look shared by the leadership pack and the single-report downloads. */
const BORDER = { style: 'thin', color: { argb: 'FFBFBFBF' } } as const;
export const BORDERS = { top: BORDER, left: BORDER, bottom: BORDER, right: BORDER };

/** Bold, light-blue, centred, wrapped and boxed: a table's header row. */
export function styleHeaderRow(row: Row, height = 32): void {
  row.height = height;
  row.eachCell((cell: Cell) => {
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDERS;
  });
}

/** Columns as wide as their longest text, a CJK character counting twice (10 to 40). */
export function displayWidth(text: string): number {
  return [...text].reduce((width, ch) => width + (ch.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0);
}
