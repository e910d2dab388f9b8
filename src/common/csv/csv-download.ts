import { StreamableFile } from '@nestjs/common';
import { Readable } from 'node:stream';
import { CSV_BOM, CsvValue, toCsvRows } from './csv';

/**
 * A CSV download streamed page by page: UTF-8 with a BOM so that Excel opens it in Chinese,
 * formulas neutralised, named `<name>-<date>.csv`. The first page is read before the response
 * starts, so that a bad sort, cursor or filter is still a 400 problem, not a cut connection.
 */
export async function csvDownload<T>(
  name: string,
  header: string[],
  pages: AsyncIterable<T[]>,
  toRow: (item: T) => CsvValue[],
): Promise<StreamableFile> {
  const iterator = pages[Symbol.asyncIterator]();
  const first = await iterator.next();
  async function* lines(): AsyncGenerator<string> {
    try {
      yield CSV_BOM + toCsvRows([header]);
      for (let page = first; !page.done; page = await iterator.next()) {
        if (page.value.length > 0) yield toCsvRows(page.value.map(toRow));
      }
    } finally {
      await iterator.return?.(); // the client went away: stop paging
    }
  }
  const date = new Date().toISOString().slice(0, 10);
  return new StreamableFile(Readable.from(lines()), {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename="${name}-${date}.csv"`,
  });
}
