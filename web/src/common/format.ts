/** Chinese conventions for money, area and dates (Asia/Shanghai), with English equivalents. */
export const TIME_ZONE = 'Asia/Shanghai';

const intlLocale = (locale: string) => (locale === 'en' ? 'en-GB' : 'zh-CN');

function toNumber(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : null;
}

/**
 * Yuan from the API's decimal strings. In Chinese, amounts of ten thousand and more read in 万元
 * (¥1,250,000 → 125 万元) and of a hundred million in 亿元, as staff write them.
 */
export function formatMoney(value: string | number | null | undefined, locale: string): string {
  const amount = toNumber(value);
  if (amount === null) return '—';
  if (locale !== 'en') {
    const grouped = (n: number, digits: number) =>
      new Intl.NumberFormat('zh-CN', { maximumFractionDigits: digits }).format(n);
    if (Math.abs(amount) >= 1e8) return `${grouped(amount / 1e8, 2)} 亿元`;
    if (Math.abs(amount) >= 1e4) return `${grouped(amount / 1e4, 2)} 万元`;
    return `¥${grouped(amount, 2)}`;
  }
  return new Intl.NumberFormat('en-GB', {
    style: 'currency',
    currency: 'CNY',
    currencyDisplay: 'narrowSymbol',
    maximumFractionDigits: amount % 1 === 0 ? 0 : 2,
  }).format(amount);
}

export function formatNumber(
  value: string | number | null | undefined,
  locale: string,
  digits = 0,
): string {
  const number = toNumber(value);
  if (number === null) return '—';
  return new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: digits }).format(
    number,
  );
}

/** Square metres: "1,200 ㎡" / "1,200 m²". */
export function formatArea(value: string | number | null | undefined, locale: string): string {
  const number = toNumber(value);
  if (number === null) return '—';
  return `${formatNumber(number, locale, 1)} ${locale === 'en' ? 'm²' : '㎡'}`;
}

/** Card-hours a month, the compute need of a deal. */
export function formatCardHours(value: string | number | null | undefined, locale: string): string {
  const number = toNumber(value);
  if (number === null) return '—';
  return `${formatNumber(number, locale)} ${locale === 'en' ? 'card-h' : '卡时'}`;
}

function toDate(value: string | Date | null | undefined): Date | null {
  if (!value) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** 2026年11月29日 / 29 Nov 2026, in Beijing time. */
export function formatDate(value: string | Date | null | undefined, locale: string): string {
  const date = toDate(value);
  if (!date) return '—';
  return new Intl.DateTimeFormat(intlLocale(locale), {
    timeZone: TIME_ZONE,
    dateStyle: 'medium',
  }).format(date);
}

/** 2026/11/29 14:30 / 29 Nov 2026, 14:30, in Beijing time. */
export function formatDateTime(value: string | Date | null | undefined, locale: string): string {
  const date = toDate(value);
  if (!date) return '—';
  return new Intl.DateTimeFormat(intlLocale(locale), {
    timeZone: TIME_ZONE,
    dateStyle: 'medium',
    timeStyle: 'short',
    hourCycle: 'h23',
  }).format(date);
}

export function formatTime(value: string | Date | null | undefined, locale: string): string {
  const date = toDate(value);
  if (!date) return '—';
  return new Intl.DateTimeFormat(intlLocale(locale), {
    timeZone: TIME_ZONE,
    timeStyle: 'short',
    hourCycle: 'h23',
  }).format(date);
}

/** A business day (`YYYY-MM-DD`) in Beijing of an instant. */
export function beijingDay(value: string | Date): string {
  const date = toDate(value) ?? new Date();
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(date);
}

/** The instant of a Beijing wall-clock time (`2026-12-01`, `14:30`) as ISO 8601 with offset. */
export function beijingInstant(day: string, time = '00:00'): string {
  return `${day}T${time.length === 5 ? `${time}:00` : time}+08:00`;
}
