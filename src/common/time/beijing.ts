/** Business dates are Beijing's (Asia/Shanghai: UTC+8 all year, no daylight saving). */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

const shifted = (now: Date) => new Date(now.getTime() + BEIJING_OFFSET_MS).toISOString();

/** Today's date in Beijing, YYYY-MM-DD. */
export const beijingToday = (now = new Date()): string => shifted(now).slice(0, 10);

/** The Beijing wall-clock time, YYYY-MM-DD HH:mm. */
export const beijingDateTime = (now = new Date()): string =>
  shifted(now).slice(0, 16).replace('T', ' ');

/** Beijing midnight at the start of a calendar day, as an instant. */
export const beijingMidnight = (day: string): Date => new Date(`${day}T00:00:00+08:00`);
