import { ConfigurationError, validateEnvironment } from './environment';

describe('validateEnvironment', () => {
  it('fills defaults for development', () => {
    const env = validateEnvironment({});
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      DATABASE_POOL_SIZE: 10,
      JWT_ACCESS_TTL_SECONDS: 900,
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('converts numbers and booleans from strings', () => {
    const env = validateEnvironment({ PORT: '8080', SEED_DEMO: 'false', TRUST_PROXY: '1' });
    expect(env.PORT).toBe(8080);
    expect(env.SEED_DEMO).toBe(false);
    expect(env.TRUST_PROXY).toBe(true);
  });

  it('names each wrong variable', () => {
    expect(() =>
      validateEnvironment({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' }),
    ).toThrow(ConfigurationError);
    try {
      validateEnvironment({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/PORT/);
      expect(message).toMatch(/DATABASE_URL must be a postgres:\/\/ connection URL/);
      expect(message).toMatch(/LOG_LEVEL/);
    }
  });

  it('requires a database and a strong secret in production, and no demo data', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'production' })).toThrow(
      /DATABASE_URL is required[\s\S]*JWT_SECRET is required/,
    );
    expect(() =>
      validateEnvironment({
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://a@b/c',
        JWT_SECRET: 'short',
      }),
    ).toThrow(/at least 32 characters/);
    expect(() =>
      validateEnvironment({
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://a@b/c',
        JWT_SECRET: 'x'.repeat(32),
        SEED_DEMO: 'true',
      }),
    ).toThrow(/SEED_DEMO/);
    expect(
      validateEnvironment({
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://a@b/c',
        JWT_SECRET: 'x'.repeat(32),
      }).NODE_ENV,
    ).toBe('production');
  });

  it('reads CORS_ORIGINS as a list of origins, empty by default, and refuses anything else', () => {
    expect(validateEnvironment({}).CORS_ORIGINS).toEqual([]);
    expect(
      validateEnvironment({ CORS_ORIGINS: ' https://CRM.park.cn/ , http://127.0.0.1:5173 ,' })
        .CORS_ORIGINS,
    ).toEqual(['https://crm.park.cn', 'http://127.0.0.1:5173']);
    for (const wrong of ['*', 'crm.park.cn', 'https://crm.park.cn/admin', 'ftp://crm.park.cn'])
      expect(() => validateEnvironment({ CORS_ORIGINS: wrong })).toThrow(
        /CORS_ORIGINS must be comma-separated origins/,
      );
  });

  it('ignores variables it does not know and empty values', () => {
    const env = validateEnvironment({ PATH: '/usr/bin', DATABASE_URL: '' });
    expect(env).not.toHaveProperty('PATH');
    expect(env.DATABASE_URL).toBeUndefined();
  });
});
