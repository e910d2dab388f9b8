import { QueryFailedError } from 'typeorm';
import { loggableUrl, serializeError } from './logger-options';

describe('what reaches the logs', () => {
  it('keeps a URL’s path and parameter names, never their values', () => {
    expect(loggableUrl('/api/v1/auth/login?email=a@b&password=Demo%232026')).toBe(
      '/api/v1/auth/login?email=…&password=…',
    );
    expect(loggableUrl('/api/v1/users')).toBe('/api/v1/users');
  });

  it('logs a database error without its statement or parameters', () => {
    const error = new QueryFailedError(
      'INSERT INTO users (password_hash) VALUES ($1)',
      ['$argon2id$secret'],
      Object.assign(new Error('boom'), {
        code: '23514',
        table: 'users',
        constraint: 'chk_users',
      }),
    );
    const logged = JSON.stringify(serializeError(error));
    expect(logged).not.toMatch(/argon2id|INSERT INTO/);
    expect(serializeError(error)).toMatchObject({
      type: 'QueryFailedError',
      code: '23514',
      table: 'users',
      constraint: 'chk_users',
    });
  });
});
