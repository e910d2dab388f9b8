import { fieldChanges } from './field-changes';

describe('fieldChanges', () => {
  it('lists only fields that changed, with before and after', () => {
    expect(
      fieldChanges(
        { name: 'a', role: 'viewer', version: 1 },
        { name: 'b', role: 'viewer', version: 2 },
      ),
    ).toEqual({
      name: { before: 'a', after: 'b' },
    });
  });

  it('treats a create as every field from null', () => {
    expect(fieldChanges(null, { name: 'a', tags: ['x'] })).toEqual({
      name: { before: null, after: 'a' },
      tags: { before: null, after: ['x'] },
    });
  });

  it('compares dates by value', () => {
    const at = '2026-11-29T00:00:00.000Z';
    expect(fieldChanges({ lastLoginAt: new Date(at) }, { lastLoginAt: new Date(at) })).toEqual({});
  });

  it('redacts secrets', () => {
    expect(fieldChanges({ passwordHash: 'old' }, { passwordHash: 'new' })).toEqual({
      passwordHash: { before: '[redacted]', after: '[redacted]' },
    });
  });
});
