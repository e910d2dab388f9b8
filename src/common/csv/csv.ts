import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { ProblemException } from '../errors/problem.exception';

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Text of a CSV as Chinese offices produce it: UTF-8 with or without BOM, or GB18030/GBK as Excel
 * saves it ("CSV" in a Chinese Windows locale). GB18030 is a superset of GBK and GB2312.
 */
export function decodeCsv(bytes: Buffer): string {
  if (bytes.subarray(0, 3).equals(UTF8_BOM)) return bytes.subarray(3).toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

export interface CsvRecord {
  cells: string[];
  /** The file's line number where the record starts (the header is line 1). */
  line: number;
}

/** Records of a CSV text (the header first), blank lines skipped; an unreadable CSV is a 400. */
export function parseCsvRecords(text: string): CsvRecord[] {
  try {
    const records = parse(text, {
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
      info: true,
    }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    // info.lines is where a record ends; a quoted cell may span lines.
    return records.map(({ record, info }) => ({
      cells: record,
      line:
        info.lines - record.reduce((breaks, cell) => breaks + (cell.match(/\n/g)?.length ?? 0), 0),
    }));
  } catch (error) {
    throw new ProblemException(
      'BAD_REQUEST',
      `The file is not a readable CSV: ${(error as Error).message.slice(0, 200)}`,
    );
  }
}

/** Rows of a CSV text (the header row first); a CSV that cannot be parsed is a 400. */
export function parseCsv(text: string): string[][] {
  return parseCsvRecords(text).map((record) => record.cells);
}

/**
 * A cell that a spreadsheet would run as a formula (=, +, -, @, tab, carriage return first) is
 * prefixed with an apostrophe, so that an exported name like "=HYPERLINK(…)" stays text.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export type CsvValue = string | number | Date | null | undefined;

/** CSV text for spreadsheets: formulas neutralised, dates in ISO 8601. */
export function toCsvRows(rows: CsvValue[][]): string {
  const cells = rows.map((row) =>
    row.map((value) => {
      if (value === null || value === undefined) return '';
      if (value instanceof Date) return value.toISOString();
      return typeof value === 'number' ? String(value) : neutraliseFormula(value);
    }),
  );
  return stringify(cells, { record_delimiter: '\r\n' });
}

/** The byte-order mark that makes Excel read a CSV as UTF-8. */
export const CSV_BOM = '\uFEFF';
