import type { Notification } from '../api/types';

/** Where a notification leads: the record it is about, or the screen that lists such records. */
export function notificationPath({ kind, entityType, entityId }: Notification): string | null {
  switch (entityType) {
    case 'Deal':
      return `/deals/${entityId}/show`;
    case 'Lead':
      return `/leads/${entityId}/show`;
    case 'Company':
      return `/companies/${entityId}/show`;
    case 'LeadConflict':
      return '/lead-conflicts';
    case 'Task':
      return '/my-tasks';
    case 'SiteVisit':
      return '/calendar';
    default:
      return kind === 'lead.import_conflicts' ? '/lead-conflicts' : null;
  }
}

/**
 * The record a notification names. The API words titles as "中文 / English: <name>", with the
 * name (a company, a task) only in the title, so it is read from there.
 */
export function subjectOf(title: string): string | null {
  const at = title.indexOf(': ');
  return at >= 0 ? title.slice(at + 2) : null;
}
