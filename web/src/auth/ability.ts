import { createMongoAbility, subject, type MongoAbility, type RawRuleOf } from '@casl/ability';

/** The API's own CASL rules (from `auth/me`), so the admin hides what the API would refuse. */
export type CrmAbility = MongoAbility<[string, string | Record<string, unknown>]>;

/** react-admin resource → the policy's subject type. */
export const SUBJECT_OF_RESOURCE: Record<string, string> = {
  companies: 'Company',
  contacts: 'Company',
  revenues: 'Company',
  leads: 'Lead',
  'lead-conflicts': 'LeadConflict',
  deals: 'Deal',
  'deal-board': 'Deal',
  pipelines: 'Pipeline',
  stages: 'Pipeline',
  activities: 'Activity',
  tasks: 'Task',
  'site-visits': 'SiteVisit',
  buildings: 'Space',
  units: 'Space',
  reservations: 'Space',
  leases: 'Space',
  'onboarding-templates': 'Onboarding',
  'onboarding-tracks': 'Onboarding',
  programs: 'Program',
  applications: 'Application',
  'compute-accounts': 'ComputeAccount',
  targets: 'Target',
  reports: 'Report',
  notifications: 'Notification',
  users: 'User',
  'api-keys': 'ApiKey',
  audit: 'AuditEntry',
};

/** react-admin's page actions → the policy's verbs; other actions (move, claim, …) are the same word. */
const ACTION_OF: Record<string, string> = {
  list: 'read',
  show: 'read',
  export: 'read',
  edit: 'update',
};

export function abilityFrom(rules: unknown[]): CrmAbility {
  return createMongoAbility(rules as RawRuleOf<CrmAbility>[]);
}

export function allows(
  ability: CrmAbility,
  action: string,
  resource: string,
  record?: Record<string, unknown>,
): boolean {
  const type = SUBJECT_OF_RESOURCE[resource] ?? resource;
  const verb = ACTION_OF[action] ?? action;
  return record ? ability.can(verb, subject(type, { ...record })) : ability.can(verb, type);
}
