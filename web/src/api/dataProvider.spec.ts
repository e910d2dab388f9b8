import { changedFields, createDataProvider } from './dataProvider';
import { ApiError } from './http';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

function fakeApi(pages: Record<string, { data: unknown[]; nextCursor: string | null }>) {
  const calls: Call[] = [];
  global.fetch = jest.fn(async (url: string, init: RequestInit) => {
    calls.push({
      url,
      method: init.method ?? 'GET',
      headers: init.headers as Record<string, string>,
      body: init.body as string,
    });
    const cursor = new URL(url, 'http://x').searchParams.get('cursor') ?? 'first';
    const page = pages[cursor] ?? { data: [{ id: 'r', version: 3 }], nextCursor: null };
    return new Response(JSON.stringify(page), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  }) as unknown as typeof fetch;
  return calls;
}

beforeAll(() => {
  const store = new Map<string, string>();
  Object.assign(global, {
    localStorage: {
      getItem: (key: string) => store.get(key) ?? null,
      setItem: (key: string, value: string) => store.set(key, value),
      removeItem: (key: string) => store.delete(key),
    },
  });
});

describe('the data provider speaks the API’s conventions', () => {
  it('PATCHes only what changed, never read-only fields, with If-Match from the loaded version', async () => {
    expect(
      changedFields(
        { id: 'a', version: 4, name: '新名', hqCity: '北京', updatedAt: 'x', website: '' },
        { id: 'a', version: 4, name: '旧名', hqCity: '北京', updatedAt: 'y', website: 'http://a' },
      ),
    ).toEqual({ name: '新名', website: null });

    const calls = fakeApi({});
    const provider = createDataProvider();
    await provider.update('companies', {
      id: 'a',
      data: { id: 'a', version: 4, name: '新名' },
      previousData: { id: 'a', version: 4, name: '旧名' },
    });
    expect(calls).toHaveLength(1);
    expect(calls[0].method).toBe('PATCH');
    expect(calls[0].headers['if-match']).toBe('"4"');
    expect(JSON.parse(calls[0].body!)).toEqual({ name: '新名' });
  });

  it('sends no PATCH when nothing changed', async () => {
    const calls = fakeApi({});
    await createDataProvider().update('companies', {
      id: 'a',
      data: { id: 'a', version: 4, name: '同' },
      previousData: { id: 'a', version: 4, name: '同' },
    });
    expect(calls).toHaveLength(0);
  });

  it('follows keyset cursors behind page numbers, walking to a page it has not seen', async () => {
    const calls = fakeApi({
      first: { data: [{ id: 1 }], nextCursor: 'c2' },
      c2: { data: [{ id: 2 }], nextCursor: 'c3' },
      c3: { data: [{ id: 3 }], nextCursor: null },
    });
    const provider = createDataProvider();
    const params = {
      pagination: { page: 3, perPage: 1 },
      sort: { field: 'name', order: 'DESC' as const },
      filter: { q: '智能' },
    };
    const third = await provider.getList('companies', params);
    expect(third.data).toEqual([{ id: 3 }]);
    expect(third.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
    expect(third.total).toBe(3);
    expect(calls.map((call) => new URL(call.url, 'http://x').searchParams.get('cursor'))).toEqual([
      null,
      'c2',
      'c3',
    ]);
    const query = new URL(calls[0].url, 'http://x').searchParams;
    expect(Object.fromEntries(query)).toEqual({ q: '智能', limit: '1', sort: '-name' });

    calls.length = 0;
    const second = await provider.getList('companies', {
      ...params,
      pagination: { page: 2, perPage: 1 },
    });
    expect(second.data).toEqual([{ id: 2 }]);
    expect(calls).toHaveLength(1);
    expect(second.pageInfo?.hasNextPage).toBe(true);
    expect(second.total).toBeUndefined();
  });

  it('creates with an Idempotency-Key', async () => {
    const calls = fakeApi({});
    await createDataProvider().create('leads', { data: { source: 'event' } });
    expect(calls[0].method).toBe('POST');
    expect(calls[0].headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('failed calls', () => {
  it('reject with an ApiError carrying the problem, its code and the field errors for forms', async () => {
    global.fetch = jest.fn(
      async () =>
        new Response(
          JSON.stringify({
            type: 'urn:park-crm:problem:version-mismatch',
            title: 'The record was changed by someone else',
            status: 412,
            code: 'VERSION_MISMATCH',
            detail: 'The company is at version 5',
          }),
          { status: 412, headers: { 'content-type': 'application/problem+json' } },
        ),
    );
    const failure = await createDataProvider()
      .update('companies', {
        id: 'a',
        data: { name: 'x' },
        previousData: { id: 'a', version: 4, name: 'y' },
      })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).code).toBe('VERSION_MISMATCH');
    expect((failure as ApiError).status).toBe(412);
    expect((failure as ApiError).message).toBe('crm.errors.VERSION_MISMATCH');

    global.fetch = jest.fn(
      async () =>
        new Response(
          JSON.stringify({
            title: 'The request has invalid fields',
            status: 400,
            code: 'VALIDATION_FAILED',
            errors: [
              {
                field: 'creditCode',
                code: 'credit_code_length',
                message: 'creditCode must be 18 characters',
              },
              { field: 'name', code: 'maxLength', message: 'too long', params: { max: 200 } },
            ],
          }),
          { status: 400 },
        ),
    );
    const invalid = (await createDataProvider()
      .create('companies', { data: { name: 'x' } })
      .catch((error: unknown) => error)) as ApiError;
    // Translation keys by code (with the values a message names), never the API's English.
    expect(invalid.body.errors).toEqual({
      creditCode: 'crm.fieldErrors.credit_code_length',
      name: '@@react-admin@@{"message":"crm.fieldErrors.maxLength","args":{"max":200}}',
      root: { serverError: 'crm.errors.VALIDATION_FAILED' },
    });
  });
});
