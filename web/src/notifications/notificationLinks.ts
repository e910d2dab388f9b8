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

/** The record a notification names (a firm, a task), as the API puts it in `data.subject`. */
export function subjectOf(notification: Notification): string | null {
  const { subject } = notification.data;
  return typeof subject === 'string' && subject ? subject : null;
}
