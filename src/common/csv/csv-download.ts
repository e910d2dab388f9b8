import { StreamableFile } from '@nestjs/common';
import { Readable } from 'node:stream';
import { CSV_BOM, CsvValue, toCsvRows } from './csv';

/**
 * A CSV download streamed page by page: UTF-8 with a BOM so that Excel opens it in Chinese,
 * formulas neutralised, named `<name>-<date>.csv`.
 */
export function csvDownload<T>(
  name: string,
  header: string[],
  pages: AsyncIterable<T[]>,
  toRow: (item: T) => CsvValue[],
): StreamableFile {
  async function* lines(): AsyncGenerator<string> {
    yield CSV_BOM + toCsvRows([header]);
    for await (const page of pages) if (page.length > 0) yield toCsvRows(page.map(toRow));
  }
  const date = new Date().toISOString().slice(0, 10);
  return new StreamableFile(Readable.from(lines()), {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename="${name}-${date}.csv"`,
  });
}
