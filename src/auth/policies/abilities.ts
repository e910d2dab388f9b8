import {
  AbilityBuilder,
  createMongoAbility,
  type ForcedSubject,
  type MongoAbility,
} from '@casl/ability';
import type { Principal } from '../roles';

export type Action = 'manage' | 'create' | 'read' | 'update' | 'delete';
/** Record types the policy speaks of; feature modules add theirs here. */
export type SubjectType = 'User' | 'ApiKey' | 'AuditEntry' | 'all';

export type AppAbility = MongoAbility<
  [Action, SubjectType | ForcedSubject<Exclude<SubjectType, 'all'>>]
>;

/**
 * Who may do what: the one place where roles and per-object rules are written. Guards check the
 * type-level rule, services check the object (`PolicyService.assert`) and lists are scoped by the
 * same conditions (`PolicyService.scope`).
 */
export function defineAbilities(principal: Principal): AppAbility {
  const { can, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  switch (principal.role) {
    case 'admin':
      can('manage', 'all');
      break;
    case 'manager':
      can('read', ['User', 'AuditEntry']);
      break;
    case 'promoter':
    case 'viewer':
      can('read', 'User');
      break;
    case 'integration':
      break;
  }
  return build();
}
