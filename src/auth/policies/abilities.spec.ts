import type { Principal, Role } from '../roles';
import { Action, defineAbilities, subjectOf, SubjectType } from './abilities';

const as = (role: Role): Principal => ({
  kind: role === 'integration' ? 'api_key' : 'user',
  id: `${role}-id`,
  role,
});

describe('abilities', () => {
  const matrix: [Role, Action, Exclude<SubjectType, 'all'>, boolean][] = [
    ['admin', 'create', 'User', true],
    ['admin', 'delete', 'ApiKey', true],
    ['manager', 'read', 'AuditEntry', true],
    ['manager', 'create', 'User', false],
    ['manager', 'read', 'ApiKey', false],
    ['promoter', 'read', 'User', true],
    ['promoter', 'update', 'User', false],
    ['promoter', 'read', 'AuditEntry', false],
    ['viewer', 'read', 'User', true],
    ['viewer', 'delete', 'User', false],
    ['integration', 'read', 'User', false],
    ['integration', 'read', 'AuditEntry', false],
    ['integration', 'read', 'Lead', false],
    ['manager', 'assign', 'Lead', true],
    ['manager', 'resolve', 'LeadConflict', true],
    ['promoter', 'resolve', 'LeadConflict', false],
    ['promoter', 'assign', 'Lead', false],
    ['promoter', 'merge', 'Company', false],
    ['viewer', 'create', 'Lead', false],
  ];

  it.each(matrix)('%s may %s %s: %s', (role, action, type, allowed) => {
    expect(defineAbilities(as(role)).can(action, type)).toBe(allowed);
  });

  it('lets a promoter change only the leads and companies it owns, and claim only unowned leads', () => {
    const promoter = defineAbilities(as('promoter'));
    expect(promoter.can('update', subjectOf('Lead', { ownerId: 'promoter-id' }))).toBe(true);
    expect(promoter.can('update', subjectOf('Lead', { ownerId: 'someone-else' }))).toBe(false);
    expect(promoter.can('update', subjectOf('Company', { ownerId: 'someone-else' }))).toBe(false);
    expect(promoter.can('claim', subjectOf('Lead', { ownerId: null }))).toBe(true);
    expect(promoter.can('claim', subjectOf('Lead', { ownerId: 'someone-else' }))).toBe(false);
  });

  it('shows each user only their own notifications', () => {
    const viewer = defineAbilities(as('viewer'));
    expect(viewer.can('read', subjectOf('Notification', { userId: 'viewer-id' }))).toBe(true);
    expect(viewer.can('read', subjectOf('Notification', { userId: 'other' }))).toBe(false);
    expect(defineAbilities(as('integration')).can('read', 'Notification')).toBe(false);
  });
});
