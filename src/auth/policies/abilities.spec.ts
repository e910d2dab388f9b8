import { subject } from '@casl/ability';
import type { Principal, Role } from '../roles';
import { Action, defineAbilities, SubjectType } from './abilities';

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
  ];

  it.each(matrix)('%s may %s %s: %s', (role, action, type, allowed) => {
    expect(defineAbilities(as(role)).can(action, type)).toBe(allowed);
    expect(defineAbilities(as(role)).can(action, subject(type, { id: 'x' }))).toBe(allowed);
  });
});
