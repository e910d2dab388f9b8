import { StreamableFile } from '@nestjs/common';
import { Readable } from 'node:stream';
import { CSV_BOM, toCsvRows, type CsvValue } from '../common/csv/csv';

/** A report as a table: its columns (key and header) and rows, for CSV and spreadsheets. */
export interface ReportTable<T> {
  name: string;
  columns: { key: keyof T & string; header: string }[];
  rows: T[];
}

/** Whether the caller asked for CSV: `?format=csv`, or an Accept header that prefers text/csv. */
export function wantsCsv(format: string | undefined, accept: string | undefined): boolean {
  return reportFormat(format, accept) === 'csv';
}

/**
 * What a report answers: `?format=` first, else the Accept header (text/csv, or the XLSX media
 * type), else JSON.
 */
export function reportFormat(
  format: string | undefined,
  accept: string | undefined,
): 'json' | 'csv' | 'xlsx' {
  if (format === 'csv' || format === 'xlsx' || format === 'json') return format;
  if (/(^|,)\s*text\/csv\b/i.test(accept ?? '')) return 'csv';
  if (
    /(^|,)\s*application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet\b/i.test(
      accept ?? '',
    )
  )
    return 'xlsx';
  return 'json';
}

const cell = (value: unknown): CsvValue =>
  typeof value === 'boolean' ? String(value) : (value as CsvValue);

/** UTF-8 with a BOM (Excel reads Chinese), formulas neutralised, `<name>-<from>.csv`. */
export function csvFile<T>(table: ReportTable<T>, suffix: string): StreamableFile {
  const text =
    CSV_BOM +
    toCsvRows([
      table.columns.map((c) => c.header),
      ...table.rows.map((row) => table.columns.map((c) => cell(row[c.key]))),
    ]);
  return new StreamableFile(Readable.from([text]), {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename="${table.name}-${suffix}.csv"`,
  });
}
