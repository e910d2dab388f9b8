import { beijingDay, beijingInstant, formatArea, formatDateTime, formatMoney } from './format';

describe('Chinese conventions for money, area and dates', () => {
  it('writes yuan in 万元 and 亿元 in Chinese, in full in English', () => {
    expect(formatMoney('1250000.00', 'zh')).toBe('125 万元');
    expect(formatMoney('123456789.00', 'zh')).toBe('1.23 亿元');
    expect(formatMoney('9999.50', 'zh')).toBe('¥9,999.5');
    expect(formatMoney('1250000.00', 'en')).toBe('¥1,250,000');
    expect(formatMoney(null, 'zh')).toBe('—');
    expect(formatMoney('not a number', 'en')).toBe('—');
  });

  it('writes area in square metres', () => {
    expect(formatArea('1200.00', 'zh')).toBe('1,200 ㎡');
    expect(formatArea(85.5, 'en')).toBe('85.5 m²');
  });

  it('reads and writes business times in Beijing, whatever the browser’s zone', () => {
    expect(beijingDay('2026-11-29T16:30:00Z')).toBe('2026-11-30');
    expect(beijingInstant('2026-12-01', '14:30')).toBe('2026-12-01T14:30:00+08:00');
    expect(formatDateTime('2026-11-29T16:30:00Z', 'en')).toContain('00:30');
  });
});
