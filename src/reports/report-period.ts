import type { FieldErrorCode } from '../common/errors/field-error-codes';
import { fieldError, ProblemException } from '../common/errors/problem.exception';
import { beijingMidnight, beijingToday } from '../common/time/beijing';

/** A report's period: [from, to) as Beijing calendar days, and the instants that bound it. */
export interface ReportPeriod {
  /** First day, YYYY-MM-DD (Asia/Shanghai). */
  from: string;
  /** Day after the last, YYYY-MM-DD (exclusive). */
  to: string;
  /** Beijing midnight at the start of `from`, as an instant. */
  start: Date;
  /** Beijing midnight at the start of `to`. */
  end: Date;
}

export interface PeriodInput {
  from?: string;
  to?: string;
  year?: number;
  quarter?: number;
  month?: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const invalid = (field: string, code: FieldErrorCode, message: string) =>
  new ProblemException('VALIDATION_FAILED', `${field} ${message}`, {
    errors: [fieldError(field, code, message)],
  });

const pad = (n: number) => String(n).padStart(2, '0');
const firstOf = (year: number, month: number) =>
  month > 12 ? `${year + 1}-01-01` : `${year}-${pad(month)}-01`;

/**
 * The period a report asks for: `from`/`to` days, or a `year` with an optional `quarter` or
 * `month`; the current Beijing year when nothing is given.
 */
export function reportPeriod(input: PeriodInput, now = new Date()): ReportPeriod {
  const { from, to, year, quarter, month } = input;
  if (from !== undefined || to !== undefined) {
    if (year !== undefined || quarter !== undefined || month !== undefined)
      throw invalid('from', 'period_combination', 'cannot be combined with year, quarter or month');
    if (!from || !DAY.test(from) || Number.isNaN(beijingMidnight(from).getTime()))
      throw invalid('from', 'invalid_date', 'must be a date YYYY-MM-DD');
    if (!to || !DAY.test(to) || Number.isNaN(beijingMidnight(to).getTime()))
      throw invalid('to', 'invalid_date', 'must be a date YYYY-MM-DD');
    if (to <= from) throw invalid('to', 'end_before_start', 'must be after from');
    return { from, to, start: beijingMidnight(from), end: beijingMidnight(to) };
  }
  if (quarter !== undefined && month !== undefined)
    throw invalid('quarter', 'period_combination', 'cannot be combined with month');
  if ((quarter !== undefined || month !== undefined) && year === undefined)
    throw invalid('year', 'required', 'is required with quarter or month');
  const y = year ?? Number(beijingToday(now).slice(0, 4));
  const [first, last] =
    month !== undefined
      ? [firstOf(y, month), firstOf(y, month + 1)]
      : quarter !== undefined
        ? [firstOf(y, quarter * 3 - 2), firstOf(y, quarter * 3 + 1)]
        : [`${y}-01-01`, `${y + 1}-01-01`];
  return { from: first, to: last, start: beijingMidnight(first), end: beijingMidnight(last) };
}
