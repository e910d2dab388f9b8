import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from './support/test-app';

describe('health, OpenAPI and unknown routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers /health with the database up', async () => {
    const response = await t.request('GET', '/health');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('publishes the OpenAPI document with every route and both security schemes', async () => {
    const response = await t.request('GET', '/api/docs-json');
    expect(response.status).toBe(200);
    const paths = Object.keys(response.body.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/auth/refresh',
        '/api/v1/auth/logout',
        '/api/v1/auth/me',
        '/api/v1/users',
        '/api/v1/users/{id}',
        '/api/v1/api-keys',
        '/api/v1/api-keys/{id}',
        '/api/v1/audit',
        '/health',
      ]),
    );
    expect(Object.keys(response.body.components.securitySchemes).sort()).toEqual([
      'api-key',
      'bearer',
    ]);
    expect((await t.request('GET', '/api/docs')).status).toBe(200);
  });

  it('answers an unknown route with problem+json', async () => {
    const response = await t.request('GET', '/api/v1/no-such-thing');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      status: 404,
      code: 'ROUTE_NOT_FOUND',
      instance: '/api/v1/no-such-thing',
    });
  });

  it('echoes a caller’s request id when it is a UUID, and makes one up otherwise', async () => {
    const id = randomUUID();
    const given = await t.request('GET', '/health', { headers: { 'x-request-id': id } });
    expect(given.headers.get('x-request-id')).toBe(id);
    const made = await t.request('GET', '/health');
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const replaced = await t.request('GET', '/health', {
      headers: { 'x-request-id': 'trace-abc-12345' },
    });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the web admin at /', async () => {
    const response = await t.request('GET', '/');
    expect(response.status).toBe(200);
    expect(response.text).toContain('门头沟园区招商 CRM');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(response.text)![1];
    const script = await t.request('GET', asset);
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toContain('immutable');
    const brotli = await t.request('GET', asset, { headers: { 'accept-encoding': 'br' } });
    expect(brotli.headers.get('content-encoding')).toBe('br');
    expect(brotli.headers.get('vary')).toContain('accept-encoding');
    expect(brotli.text).toBe(script.text);
    const missing = await t.request('GET', '/assets/no-such-file.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
  });
});
