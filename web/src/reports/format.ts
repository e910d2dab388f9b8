import { formatMoney, formatNumber } from '../common/format';

/** A target's figure (value, actual, needed per month) as its metric counts: yuan, card-hours or firms. */
export function formatTargetFigure(
  metric: string,
  value: string | number | null | undefined,
  locale: string,
): string {
  if (value === null || value === undefined) return '—';
  if (metric === 'ai_revenue') return formatMoney(value, locale);
  if (metric === 'card_hours_used')
    return `${formatNumber(value, locale, 2)} ${locale === 'en' ? 'card-h' : '卡时'}`;
  return formatNumber(value, locale, 2);
}

/** A share (0.256) as a percentage: "25.6%". */
export function formatRate(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
    style: 'percent',
    maximumFractionDigits: 1,
  }).format(value);
}

/** Days with one decimal. */
export function formatDays(value: number | null | undefined, locale: string): string {
  return value === null || value === undefined ? '—' : formatNumber(value, locale, 1);
}
