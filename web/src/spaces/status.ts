import type { UnitStatus } from './types';

export const UNIT_STATUSES: UnitStatus[] = ['available', 'reserved', 'leased', 'unavailable'];

/**
 * Tile colours by status: light fills with dark text (contrast above 7:1) and a darker edge; the
 * status is always written on the tile as well, never told by colour alone.
 */
export const STATUS_STYLE: Record<UnitStatus, { bg: string; fg: string; edge: string }> = {
  available: { bg: '#e7f5ea', fg: '#12461f', edge: '#2e7d32' },
  reserved: { bg: '#fff1d6', fg: '#5c3200', edge: '#c66a00' },
  leased: { bg: '#e2ecfb', fg: '#0b3470', edge: '#1565c0' },
  unavailable: { bg: '#ececec', fg: '#2b2b2b', edge: '#757575' },
};

/** Days from now until an instant (rounded up); negative when it has passed. */
export function daysUntil(instant: string | Date): number {
  return Math.ceil((new Date(instant).getTime() - Date.now()) / 86_400_000);
}

/** A hold that ends within this many days is shown as expiring soon. */
export const EXPIRING_SOON_DAYS = 7;
