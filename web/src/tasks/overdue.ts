const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** How long past due, in the largest whole unit: `{ unit: 'days', count: 3 }`. */
export function overdueBy(
  dueAt: string,
  now = Date.now(),
): {
  unit: 'days' | 'hours' | 'minutes';
  count: number;
} | null {
  const late = now - new Date(dueAt).getTime();
  if (late <= 0) return null;
  if (late >= DAY_MS) return { unit: 'days', count: Math.floor(late / DAY_MS) };
  if (late >= HOUR_MS) return { unit: 'hours', count: Math.floor(late / HOUR_MS) };
  return { unit: 'minutes', count: Math.max(1, Math.floor(late / 60_000)) };
}
