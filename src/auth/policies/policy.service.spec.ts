import type { Principal } from '../roles';
import { subjectOf } from './abilities';
import { PolicyService } from './policy.service';

describe('PolicyService', () => {
  const policy = new PolicyService();
  const promoter: Principal = { kind: 'user', id: 'p-1', role: 'promoter', sessionId: 's-1' };

  it('builds a principal’s abilities once and answers from them again', () => {
    const ability = policy.abilityFor(promoter);
    expect(policy.abilityFor(promoter)).toBe(ability);
    expect(policy.canAny(promoter, 'create', 'Lead')).toBe(true);
  });

  it('gives a principal seen again with another role or id the rules of that role and id', () => {
    policy.abilityFor(promoter);
    const demoted: Principal = { ...promoter, role: 'viewer' };
    expect(policy.canAny(demoted, 'create', 'Lead')).toBe(false);
    const other: Principal = { ...promoter, id: 'p-2' };
    expect(policy.abilityFor(other).can('update', subjectOf('Lead', { ownerId: 'p-1' }))).toBe(
      false,
    );
    expect(policy.abilityFor(promoter).can('update', subjectOf('Lead', { ownerId: 'p-1' }))).toBe(
      true,
    );
  });
});
