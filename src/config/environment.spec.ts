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

  it('ignores variables it does not know and empty values', () => {
    const env = validateEnvironment({ PATH: '/usr/bin', DATABASE_URL: '' });
    expect(env).not.toHaveProperty('PATH');
    expect(env.DATABASE_URL).toBeUndefined();
  });
});
