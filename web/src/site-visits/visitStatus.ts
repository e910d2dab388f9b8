import type { SiteVisit } from '../api/types';

/** Calendar colours by status: planned in the theme's blue, done in green, dropped greyed. */
export const STATUS_COLOURS: Record<SiteVisit['status'], { background: string; text: string }> = {
  scheduled: { background: '#1565c0', text: '#ffffff' },
  completed: { background: '#2e7d32', text: '#ffffff' },
  cancelled: { background: '#9e9e9e', text: '#212121' },
  no_show: { background: '#e65100', text: '#ffffff' },
};

export const CHIP_COLOURS = {
  scheduled: 'primary',
  completed: 'success',
  cancelled: 'default',
  no_show: 'warning',
} as const satisfies Record<SiteVisit['status'], string>;

export const hasStarted = (visit: SiteVisit) => new Date(visit.startsAt).getTime() <= Date.now();
