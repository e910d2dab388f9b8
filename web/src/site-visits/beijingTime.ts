import { TIME_ZONE } from '../common/format';

/**
 * Visits are planned in Beijing time whatever the browser's zone. The calendar works on
 * "wall-clock" dates: a JS Date whose local fields read the Beijing time of the instant.
 */
const BEIJING_PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DDTHH:mm` in Beijing of an instant (the value of a datetime-local input). */
export function beijingWallClock(value: string | Date): string {
  const parts = Object.fromEntries(
    BEIJING_PARTS.formatToParts(new Date(value)).map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** The instant of a Beijing wall-clock time (`YYYY-MM-DDTHH:mm`), ISO 8601 with offset. */
export function wallClockToIso(wallClock: string): string {
  return `${wallClock.slice(0, 16)}:00+08:00`;
}

/** The calendar's date for an instant: local fields that read Beijing time. */
export function toCalendarDate(value: string | Date): Date {
  const [day, time] = beijingWallClock(value).split('T');
  const [year, month, date] = day.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  return new Date(year, month - 1, date, hour, minute);
}

/** The wall-clock string of a calendar date (its local fields are Beijing time). */
export function calendarWallClock(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(
    date.getHours(),
  )}:${pad(date.getMinutes())}`;
}

/** The instant of a calendar date, ISO 8601 with the Beijing offset. */
export function fromCalendarDate(date: Date): string {
  return wallClockToIso(calendarWallClock(date));
}

/** Whether two time ranges overlap (ends are exclusive, like the database's tstzrange). */
export function overlaps(
  a: { startsAt: string; endsAt: string },
  b: { startsAt: string; endsAt: string },
): boolean {
  return (
    new Date(a.startsAt).getTime() < new Date(b.endsAt).getTime() &&
    new Date(b.startsAt).getTime() < new Date(a.endsAt).getTime()
  );
}
