import type { Notification } from '../api/types';

/** Where a notification leads in the admin: the record it is about, or the screen listing such records. */
export function notificationPath({ kind, entityType, entityId }: Notification): string | null {
  switch (entityType) {
    case 'Deal':
      return `/deals/${entityId}/show`;
    case 'Lead':
      return `/leads/${entityId}/show`;
    case 'Company':
      return `/companies/${entityId}/show`;
    case 'LeadConflict':
      return `/lead-conflicts/${entityId}/show`;
    case 'ComputeAccount':
      return `/compute-accounts/${entityId}/show`;
    case 'Task':
      return '/my-tasks';
    case 'SiteVisit':
      return '/calendar';
    default:
      return kind === 'lead.import_conflicts' ? '/lead-conflicts' : null;
  }
}

/** The notifications page showing one group's unread notifications. */
export function groupPath(group: string): string {
  return `/notifications?filter=${encodeURIComponent(JSON.stringify({ group, unread: true }))}`;
}
