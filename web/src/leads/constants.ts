import type { Lead } from '../api/types';
import { resolveConflictDtoResolutionValues } from '../api/schema';

/** The status moves a PATCH may make (`LEAD_TRANSITIONS` in src/leads/lead.enums.ts). */
export const LEAD_TRANSITIONS: Record<Lead['status'], readonly Lead['status'][]> = {
  new: ['contacted', 'qualified', 'disqualified'],
  contacted: ['qualified', 'disqualified'],
  qualified: ['disqualified'],
  converted: [],
  disqualified: [],
};

/** Statuses in which a lead is still worked, and so may be converted or claimed. */
export const ACTIVE_STATUSES: readonly Lead['status'][] = ['new', 'contacted', 'qualified'];

export const CONFLICT_RESOLUTIONS = resolveConflictDtoResolutionValues;
