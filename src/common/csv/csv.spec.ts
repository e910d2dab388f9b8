import * as iconv from 'iconv-lite';
import { decodeCsv, neutraliseFormula, parseCsv, parseCsvRecords, toCsvRows } from './csv';

describe('CSV', () => {
  const text = '企业名称,来源\r\n北京某某智能科技有限公司,华为生态\r\n';

  it('reads UTF-8 with and without a BOM, and GB18030 from Excel', () => {
    expect(decodeCsv(Buffer.from(`\uFEFF${text}`, 'utf8'))).toBe(text);
    expect(decodeCsv(Buffer.from(text, 'utf8'))).toBe(text);
    expect(decodeCsv(iconv.encode(text, 'gb18030'))).toBe(text);
    expect(decodeCsv(iconv.encode(text, 'gbk'))).toBe(text);
  });

  it('parses quoted cells with commas and line breaks', () => {
    expect(parseCsv('a,b\r\n"x, y","line\nbreak"\r\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'line\nbreak'],
    ]);
  });

  it('numbers records by the line they start on, skipping blank lines', () => {
    const records = parseCsvRecords('h1,h2\n\na,b\n"x\ny",z\nc,d\n');
    expect(records.map((r) => r.line)).toEqual([1, 3, 4, 6]);
  });

  it('neutralises formulas in exported cells', () => {
    for (const formula of ['=1+1', '+86 138', '-2', '@SUM(A1)', '\tx'])
      expect(neutraliseFormula(formula)).toBe(`'${formula}`);
    expect(neutraliseFormula('北京 = 首都')).toBe('北京 = 首都');
    expect(toCsvRows([['=HYPERLINK("http://x")', 'a,b', null, 3]])).toBe(
      `"'=HYPERLINK(""http://x"")","a,b",,3\r\n`,
    );
  });
});
