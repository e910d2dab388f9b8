import { createMongoAbility, type RawRuleOf } from '@casl/ability';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppAbility } from '../src/auth/policies/abilities';
import { PolicyService } from '../src/auth/policies/policy.service';
import type { Principal } from '../src/auth/roles';
import { User } from '../src/auth/users/user.entity';
import { startTestApp, TestApp } from './support/test-app';

/** The policy's per-object rules, as later modules will use them: checks on records and scoped lists. */
describe('PolicyService with conditional rules', () => {
  let t: TestApp;
  let users: ReturnType<DataSource['getRepository']>;
  const principal: Principal = { kind: 'user', id: 'p', role: 'promoter' };

  class RulesPolicy extends PolicyService {
    constructor(private readonly rules: RawRuleOf<AppAbility>[]) {
      super();
    }
    override abilityFor(): AppAbility {
      return createMongoAbility<AppAbility>(this.rules);
    }
  }

  beforeAll(async () => {
    t = await startTestApp();
    users = t.app.get<DataSource>(getDataSourceToken()).getRepository(User);
  });
  afterAll(() => t.close());

  it('scopes a list to the records a rule allows', async () => {
    const policy = new RulesPolicy([
      { action: 'read', subject: 'User', conditions: { role: 'viewer' } },
    ]);
    const qb = users.createQueryBuilder('u');
    expect(policy.scope(qb, principal, 'read', 'User')).toBe(true);
    const rows = await qb.getMany();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((u) => (u as User).role === 'viewer')).toBe(true);
  });

  it('ORs several allowing rules and leaves the list whole for an unconditional one', async () => {
    const either = new RulesPolicy([
      { action: 'read', subject: 'User', conditions: { role: 'viewer' } },
      { action: 'read', subject: 'User', conditions: { role: 'admin' } },
    ]);
    const qb = users.createQueryBuilder('u');
    either.scope(qb, principal, 'read', 'User');
    expect(new Set((await qb.getMany()).map((u) => (u as User).role))).toEqual(
      new Set(['viewer', 'admin']),
    );

    const all = new RulesPolicy([{ action: 'read', subject: 'User' }]);
    const whole = users.createQueryBuilder('u');
    all.scope(whole, principal, 'read', 'User');
    expect(await whole.getCount()).toBe(await users.count());
  });

  it('says so when no record at all is allowed', () => {
    const none = new RulesPolicy([]);
    expect(none.scope(users.createQueryBuilder('u'), principal, 'read', 'User')).toBe(false);
  });

  it('checks one record against the same rules', () => {
    const policy = new RulesPolicy([
      { action: 'update', subject: 'User', conditions: { id: 'mine' } },
    ]);
    expect(() => policy.assert(principal, 'update', 'User', { id: 'mine' })).not.toThrow();
    expect(() => policy.assert(principal, 'update', 'User', { id: 'theirs' })).toThrow(
      /may not update this User/,
    );
  });
});
