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
  | 'import';

/** Record types the policy speaks of; feature modules add theirs here. */
export type SubjectType =
  'User' | 'ApiKey' | 'AuditEntry' | 'Company' | 'Lead' | 'LeadConflict' | 'Notification' | 'all';

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
const STAFF_READABLE: Exclude<SubjectType, 'all'>[] = ['User', 'Company', 'Lead', 'LeadConflict'];

/**
 * Who may do what: the one place where roles and per-object rules are written. Guards check the
 * type-level rule, services check the object (`PolicyService.assert`) and lists are scoped by the
 * same conditions (`PolicyService.scope`). A company's contacts and revenues are changes to the
 * company: whoever may update the company may change them.
 */
export function defineAbilities(principal: Principal): AppAbility {
  const { can, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  if (principal.kind === 'user') {
    can(['read', 'update'], 'Notification', { userId: principal.id });
  }
  switch (principal.role) {
    case 'admin':
      can('manage', 'all');
      break;
    case 'manager':
      can('read', [...STAFF_READABLE, 'AuditEntry']);
      can('assign', 'Lead');
      can('resolve', 'LeadConflict');
      can('merge', 'Company');
      break;
    case 'promoter':
      can('read', STAFF_READABLE);
      can(['create', 'import'], 'Lead');
      can(['update', 'delete'], 'Lead', { ownerId: principal.id });
      can('claim', 'Lead', { ownerId: null });
      can('update', 'Company', { ownerId: principal.id });
      break;
    case 'viewer':
      can('read', STAFF_READABLE);
      break;
    case 'integration':
      break;
  }
  return build();
}
