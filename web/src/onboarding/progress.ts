import { beijingDay } from '../common/format';
import type { Track, TrackTask } from './types';

/** A task due within this many days (and not done) counts as due soon. */
export const DUE_SOON_DAYS = 7;

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const finished = (task: TrackTask) => task.status === 'done' || task.status === 'skipped';

export function isOverdue(task: TrackTask, today = beijingDay(new Date())): boolean {
  return !finished(task) && !!task.dueDate && task.dueDate < today;
}

export function isDueSoon(task: TrackTask, today = beijingDay(new Date())): boolean {
  return (
    !finished(task) &&
    !!task.dueDate &&
    task.dueDate >= today &&
    task.dueDate <= addDays(today, DUE_SOON_DAYS)
  );
}

/**
 * Progress as the API decides completion: the share of required tasks done (every task counts
 * when a template has no required one).
 */
export function progressOf(track: Pick<Track, 'tasks' | 'status'>) {
  const required = track.tasks.filter((task) => task.required);
  const counted = required.length ? required : track.tasks;
  const done = counted.filter((task) => task.status === 'done').length;
  const percent =
    track.status === 'completed'
      ? 100
      : counted.length
        ? Math.round((done / counted.length) * 100)
        : 0;
  return {
    done,
    total: counted.length,
    percent,
    overdue: track.tasks.filter((task) => isOverdue(task)).length,
    dueSoon: track.tasks.filter((task) => isDueSoon(task)).length,
  };
}
