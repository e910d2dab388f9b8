import { passwordProblem } from './passwords';

describe('the password policy', () => {
  const owner = { email: 'zhao.lei@demo.park', displayName: 'Zhao Lei' };

  it.each([
    ['Zhao#Lei-2026'],
    ['a-long-password'],
    ['secret-password-1'],
    ['Initial password'],
    ['园区招商2026年度'],
    ['correct horse battery staple'],
  ])('accepts %s', (password) => {
    expect(passwordProblem(password, owner)).toBeNull();
  });

  it.each([
    ['short#1', /at least 10 characters/],
    ['园区招商1', /at least 10 characters/],
    ['abcdefghijkl', /two kinds of characters/],
    ['ABCDEFGHIJKL', /two kinds of characters/],
    ['123456789012', /two kinds of characters/],
    ['汉字汉字汉字汉字汉字汉字', /two kinds of characters/],
    ['Password123', /too common/],
    ['QWERTYUIOP123', /too common/],
    ['aaaaa11111', /too common/],
    ['zhao.lei@demo.park', /e-mail address or name/],
    ['my-Zhao.Lei-2026', /e-mail address or name/],
    ['Zhao Lei 2026!', /e-mail address or name/],
    ['x'.repeat(150) + 'Y'.repeat(51), /at most 200/],
  ])('refuses %s', (password, reason) => {
    expect(passwordProblem(password, owner)).toMatch(reason);
  });

  it('ignores a name or e-mail part too short to matter', () => {
    expect(
      passwordProblem('Wang-2026-park', { email: 'wang@demo.park', displayName: '王' }),
    ).toMatch(/e-mail address or name/);
    expect(
      passwordProblem('Li-2026-park!', { email: 'li@demo.park', displayName: 'Li' }),
    ).toBeNull();
  });
});
