import { QueryFailedError } from 'typeorm';
import { stdSerializers } from 'pino';
import { loggableUrl, scrubLogLine, scrubText, serializeError } from './logger-options';

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
    // As pino-http hands it over: its own serialization, every property copied, the error kept
    // under a symbol.
    const handedOver = stdSerializers.err(error);
    expect(JSON.stringify(handedOver)).toMatch(/argon2id/);
    for (const value of [error, handedOver]) {
      expect(JSON.stringify(serializeError(value))).not.toMatch(/argon2id|INSERT INTO/);
      expect(serializeError(value)).toMatchObject({
        type: 'QueryFailedError',
        message: 'boom',
        stack: expect.stringContaining('QueryFailedError'),
        code: '23514',
        table: 'users',
        constraint: 'chk_users',
      });
    }
  });

  it('masks e-mails, phones however written, tokens, hashes and webhook secrets in any text', () => {
    const text = scrubText(
      'zhao.lei@demo.park called from 138 0013 8000, +86-138-0013-8000 or (010) 6986-1234; ' +
        'Bearer abc.def eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig $argon2id$v=19$m=19456$salt$hash ' +
        'whsec_QUJDREVGR0hJSktMTU5PUFFSU1RVVldY',
    );
    expect(text).toBe(
      '[email] called from [phone], [phone] or ([phone]; [credentials] [jwt] [hash] [secret]',
    );
  });

  it('keeps ids, dates, addresses and small numbers as they are', () => {
    const text =
      'request 12345678-1234-1234-1234-123456789012 at 2026-11-29T16:20:25.123Z by pid 12345 on 127.0.0.1:54321, 250 rows';
    expect(scrubText(text)).toBe(text);
  });

  it('replaces secret and personal values at any depth of a JSON line, keeping its shape', () => {
    const line = JSON.stringify({
      level: 30,
      time: 1764433225123,
      req: { headers: { authorization: 'Bearer x', cookie: 'sid=1', 'x-api-key': 'k' } },
      body: {
        password: 'Demo#2026',
        contacts: [{ phone: '13800138000', email: 'a@b.cn', name: '王芳' }],
        nested: { deeper: { refreshToken: 'r', apiKey: 'k', webhookSecret: 's' } },
      },
      msg: 'failed for a@b.cn',
    });
    const scrubbed = scrubLogLine(`${line}\n`);
    expect(scrubbed.endsWith('\n')).toBe(true);
    const parsed = JSON.parse(scrubbed);
    expect(parsed).toEqual({
      level: 30,
      time: 1764433225123,
      req: {
        headers: { authorization: '[redacted]', cookie: '[redacted]', 'x-api-key': '[redacted]' },
      },
      body: {
        password: '[redacted]',
        contacts: [{ phone: '[redacted]', email: '[redacted]', name: '王芳' }],
        nested: {
          deeper: { refreshToken: '[redacted]', apiKey: '[redacted]', webhookSecret: '[redacted]' },
        },
      },
      msg: 'failed for [email]',
    });
  });

  it('scrubs a line that is not JSON as text', () => {
    expect(scrubLogLine('[Nest] login of a@b.cn from 13800138000\n')).toBe(
      '[Nest] login of [email] from [phone]\n',
    );
  });
});
