import {
  AbilityBuilder,
  createMongoAbility,
  subject,
  type MongoAbility,
  type MongoQuery,
} from '@casl/ability';
import type { Principal } from '../roles';

export type Action =
  | 'manage'
  | 'create'
  | 'read'
  | 'update'
  | 'delete'
  | 'assign'
  | 'claim'
  | 'resolve'
  | 'merge'
  | 'import'
  | 'move'
  | 'convert'
  | 'submit'
  | 'approve'
  | 'reject'
  | 'disburse'
  | 'churn'
  | 'resync';

/** Record types the policy speaks of; feature modules add theirs here. */
export type SubjectType =
  | 'User'
  | 'ApiKey'
  | 'AuditEntry'
  | 'Company'
  | 'Lead'
  | 'LeadConflict'
  | 'Notification'
  | 'Pipeline'
  | 'Deal'
  | 'Activity'
  | 'Task'
  | 'SiteVisit'
  | 'Space'
  | 'Program'
  | 'Application'
  | 'Onboarding'
  | 'ComputeAccount'
  | 'Integration'
  | 'Report'
  | 'Target'
  | 'all';

/** A record checked against the rules: its fields, tagged with its type by CASL's `subject()`. */
export type SubjectRecord = Record<string, unknown>;

export type AppAbility = MongoAbility<
  [Action, SubjectType | SubjectRecord],
  MongoQuery<SubjectRecord>
>;

export const subjectOf = (type: Exclude<SubjectType, 'all'>, fields: object): SubjectRecord => {
  const record: SubjectRecord = { ...fields };
  return subject(type, record);
};

/** What every staff role may read. */
const STAFF_READABLE: Exclude<SubjectType, 'all'>[] = [
  'User',
  'Company',
  'Lead',
  'LeadConflict',
  'Pipeline',
  'Deal',
  'Activity',
  'Task',
  'SiteVisit',
  'Space',
  'Program',
  'Application',
  'Onboarding',
  'ComputeAccount',
  'Report',
  'Target',
];

/**
 * Who may do what: the one place where roles and per-object rules are written. Guards check the
 * type-level rule, services check the object (`PolicyService.assert`) and lists are scoped by the
 * same conditions (`PolicyService.scope`). A company's contacts and revenues are changes to the
 * company: whoever may update the company may change them.
 */
export function defineAbilities(principal: Principal): AppAbility {
  const { can, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  const own = (field: string) => ({ [field]: principal.id });
  if (principal.kind === 'user') {
    can(['read', 'update'], 'Notification', own('userId'));
  }
  switch (principal.role) {
    case 'admin':
      can('manage', 'all');
      break;
    case 'manager':
      can('read', [...STAFF_READABLE, 'AuditEntry']);
      can('assign', 'Lead');
      can('resolve', 'LeadConflict');
      can(['merge', 'churn'], 'Company');
      can(['create', 'resync'], 'ComputeAccount');
      can(['approve', 'reject', 'disburse'], 'Application');
      can('create', ['Activity', 'Task']);
      can(['update', 'delete'], 'Activity', own('authorId'));
      can(['update', 'delete'], 'Task', own('assigneeId'));
      can(['update', 'delete'], 'Task', own('createdById'));
      break;
    case 'promoter':
      can('read', STAFF_READABLE);
      can(['create', 'import'], 'Lead');
      can(['update', 'delete', 'convert'], 'Lead', own('ownerId'));
      can('claim', 'Lead', { ownerId: null });
      can('update', 'Company', own('ownerId'));
      can('create', ['Deal', 'SiteVisit']);
      // Activities and tasks about a firm: one the promoter owns, or one nobody owns yet.
      can('create', ['Activity', 'Task'], { companyOwnerId: principal.id });
      can('create', ['Activity', 'Task'], { companyOwnerId: null });
      can(['update', 'delete', 'move'], 'Deal', own('ownerId'));
      can(['update', 'delete'], 'Activity', own('authorId'));
      can(['update', 'delete'], 'Task', own('assigneeId'));
      can(['update', 'delete'], 'Task', own('createdById'));
      can('update', 'SiteVisit', own('createdById'));
      // Holds and leases for their own deals (checked on the deal), applications for their own firms.
      can('create', 'Space');
      can('create', 'Application', { companyOwnerId: principal.id });
      can(['update', 'submit'], 'Application', { companyOwnerId: principal.id });
      can('update', 'Onboarding', { dealOwnerId: principal.id });
      break;
    case 'viewer':
      can('read', STAFF_READABLE);
      break;
    case 'integration':
      break;
  }
  return build();
}
