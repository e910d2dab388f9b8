import { addDays, formatHundredths, todayUtc } from './amounts';
import type { DayUsage } from './records';
import { UsageRecord } from './types';

/** Adds to the day row of (day, resourceType, allocation) and returns it. */
export function recordUsage(
  usage: Map<string, DayUsage>,
  row: Omit<DayUsage, 'hundredths'>,
  hundredths: number,
): DayUsage {
  const key = `${row.day}|${row.resourceType}|${row.allocationId ?? ''}`;
  const existing = usage.get(key) ?? { ...row, hundredths: 0 };
  existing.hundredths += hundredths;
  usage.set(key, existing);
  return existing;
}

export function dayRecord(row: DayUsage, today = todayUtc()): UsageRecord {
  return toRecord(row.day, addDays(row.day, 1), row, row.hundredths, today);
}

/** Day rows in [from, to), per day or summed per calendar month, in a stable order. */
export function usageRecords(
  rows: Iterable<DayUsage>,
  range: { from: string; to: string; granularity: 'day' | 'month' },
): UsageRecord[] {
  const today = todayUtc();
  const inRange = [...rows].filter((row) => row.day >= range.from && row.day < range.to);
  const records =
    range.granularity === 'day'
      ? inRange.map((row) => dayRecord(row, today))
      : monthRecords(inRange, today);
  return records.sort(
    (a, b) =>
      a.periodStart.localeCompare(b.periodStart) ||
      a.resourceType.localeCompare(b.resourceType) ||
      (a.allocationId ?? '').localeCompare(b.allocationId ?? ''),
  );
}

function monthRecords(rows: DayUsage[], today: string): UsageRecord[] {
  const months = new Map<string, DayUsage>();
  for (const row of rows) {
    const month = `${row.day.slice(0, 7)}-01`;
    recordUsage(months, { ...row, day: month }, row.hundredths);
  }
  return [...months.values()].map((row) =>
    toRecord(row.day, firstOfNextMonth(row.day), row, row.hundredths, today),
  );
}

function firstOfNextMonth(firstOfMonth: string): string {
  return addDays(firstOfMonth, 31).slice(0, 7) + '-01';
}

function toRecord(
  periodStart: string,
  periodEnd: string,
  row: Pick<DayUsage, 'resourceType' | 'allocationId'>,
  hundredths: number,
  today: string,
): UsageRecord {
  return {
    periodStart,
    periodEnd,
    resourceType: row.resourceType,
    cardHours: formatHundredths(hundredths),
    allocationId: row.allocationId,
    final: periodEnd <= today,
  };
}
