import { beijingDay } from '../common/format';

/** How a report's period is chosen: a year, a quarter or a month of a year, two days, or all. */
export const PERIOD_MODES = ['year', 'quarter', 'month', 'custom', 'all'] as const;
export type PeriodMode = (typeof PERIOD_MODES)[number];

export interface PeriodState {
  mode: PeriodMode;
  year: number;
  quarter: number;
  month: number;
  /** First day and the day after the last, as the API takes them. */
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Adds days to a `YYYY-MM-DD` day. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const intIn = (value: string | null, min: number, max: number): number | undefined => {
  const n = Number(value);
  return value && Number.isInteger(n) && n >= min && n <= max ? n : undefined;
};

/**
 * The period of a report's URL (`?year=2026&quarter=3`, `?from=…&to=…`, `?period=all`), the
 * current Beijing year (or `all` for the targets) when none is given.
 */
export function readPeriod(
  params: URLSearchParams,
  fallback: 'year' | 'all' = 'year',
  today = beijingDay(new Date()),
): PeriodState {
  const thisYear = Number(today.slice(0, 4));
  const year = intIn(params.get('year'), 2000, 2100) ?? thisYear;
  const quarter = intIn(params.get('quarter'), 1, 4);
  const month = intIn(params.get('month'), 1, 12);
  const from = params.get('from');
  const to = params.get('to');
  const base = {
    year,
    quarter: quarter ?? Math.ceil(Number(today.slice(5, 7)) / 3),
    month: month ?? Number(today.slice(5, 7)),
    from: from && DAY.test(from) ? from : `${thisYear}-01-01`,
    to: to && DAY.test(to) ? to : addDays(today, 1),
  };
  if (from && to && DAY.test(from) && DAY.test(to)) return { ...base, mode: 'custom' };
  if (month) return { ...base, mode: 'month' };
  if (quarter) return { ...base, mode: 'quarter' };
  if (params.get('year')) return { ...base, mode: 'year' };
  if (params.get('period') === 'all') return { ...base, mode: 'all' };
  return { ...base, mode: fallback };
}

/** The URL parameters of a period (those of other filters are kept by the caller). */
export function periodParams(period: PeriodState): Record<string, string> {
  switch (period.mode) {
    case 'all':
      return { period: 'all' };
    case 'custom':
      return { from: period.from, to: period.to };
    case 'month':
      return { year: String(period.year), month: String(period.month) };
    case 'quarter':
      return { year: String(period.year), quarter: String(period.quarter) };
    default:
      return { year: String(period.year) };
  }
}

/** The API's query for a period: `all` sends none (the targets report then lists every target). */
export function periodQuery(period: PeriodState): Record<string, string | number> {
  switch (period.mode) {
    case 'all':
      return {};
    case 'custom':
      return { from: period.from, to: period.to };
    case 'month':
      return { year: period.year, month: period.month };
    case 'quarter':
      return { year: period.year, quarter: period.quarter };
    default:
      return { year: period.year };
  }
}

/** The period as words: "2026 Q3", "2026-07", "2026-07-01 – 2026-09-30". */
export function periodLabel(period: PeriodState): string {
  switch (period.mode) {
    case 'custom':
      return `${period.from} – ${addDays(period.to, -1)}`;
    case 'month':
      return `${period.year}-${pad(period.month)}`;
    case 'quarter':
      return `${period.year} Q${period.quarter}`;
    case 'all':
      return '';
    default:
      return String(period.year);
  }
}
