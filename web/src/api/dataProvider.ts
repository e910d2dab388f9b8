import type {
  DataProvider,
  DeleteParams,
  GetListParams,
  GetManyParams,
  GetManyReferenceParams,
  Identifier,
  RaRecord,
} from 'react-admin';
import { api, type RequestOptions } from './http';

/** Records of the API: every mutable one has a `version` for If-Match. */
export interface VersionedRecord extends RaRecord {
  version?: number;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
  total?: number;
}

/**
 * Every record of a list, walking its pages of 200: for small collections that a screen needs
 * whole (a building's holds, the programs of the fund).
 */
export async function readAll<T>(
  provider: Pick<CrmDataProvider, 'call'>,
  path: string,
  query: Record<string, string | number | boolean | undefined> = {},
  signal?: AbortSignal,
): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await provider.call<Page<T>>('GET', path, {
      query: { ...query, limit: 200, cursor: cursor ?? undefined },
      signal,
    });
    rows.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

/** Child collections the API serves under their parent: `contacts` of a company, say. */
const NESTED: Record<string, { target: string; path: (id: Identifier) => string }> = {
  'contacts:companyId': { target: 'companyId', path: (id) => `/companies/${id}/contacts` },
  'revenues:companyId': { target: 'companyId', path: (id) => `/companies/${id}/revenues` },
  'stages:pipelineId': { target: 'pipelineId', path: (id) => `/pipelines/${id}/stages` },
  'deal-history:dealId': { target: 'dealId', path: (id) => `/deals/${id}/history` },
};

const READ_ONLY = new Set(['id', 'version', 'createdAt', 'updatedAt', 'deletedAt']);

/**
 * The fields of `data` that differ from `previous`: PATCH sends only what the user changed,
 * because the API rejects unknown and read-only fields rather than ignoring them.
 */
export function changedFields(
  data: Record<string, unknown>,
  previous: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (READ_ONLY.has(key)) continue;
    if (previous && JSON.stringify(value ?? null) === JSON.stringify(previous[key] ?? null))
      continue;
    patch[key] = value === '' ? null : value;
  }
  return patch;
}

/**
 * Keyset pagination behind react-admin's page numbers: the cursor that starts each page is
 * remembered per list (resource, filters, sort, page size); a page not reached yet is walked to.
 */
class CursorBook {
  private readonly books = new Map<string, (string | null)[]>();

  key(resource: string, params: GetListParams, extra = ''): string {
    const { filter, sort, pagination } = params;
    return JSON.stringify([resource, filter, sort, pagination?.perPage, extra]);
  }

  get(key: string, page: number): string | null | undefined {
    if (page === 1) return null;
    return this.books.get(key)?.[page - 1];
  }

  highestKnown(key: string, page: number): number {
    const book = this.books.get(key) ?? [];
    for (let known = Math.min(page, book.length); known > 1; known--)
      if (book[known - 1] !== undefined) return known;
    return 1;
  }

  set(key: string, page: number, cursor: string | null): void {
    const book = this.books.get(key) ?? [];
    book[page - 1] = cursor;
    this.books.set(key, book);
  }
}

export function sortParam(sort: GetListParams['sort']): string | undefined {
  if (!sort?.field || sort.field === 'id') return undefined;
  return `${sort.order === 'DESC' ? '-' : ''}${sort.field}`;
}

function filterQuery(filter: Record<string, unknown> = {}): RequestOptions['query'] {
  const query: NonNullable<RequestOptions['query']> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === null || value === '') continue;
    query[key] = Array.isArray(value) ? value.map(String) : (value as string | number | boolean);
  }
  return query;
}

export interface CrmDataProvider extends DataProvider {
  /** Any other API call: actions such as `deals/:id/move`, reports, matches. */
  call<T = unknown>(method: string, path: string, options?: RequestOptions): Promise<T>;
}

export function createDataProvider(): CrmDataProvider {
  const cursors = new CursorBook();

  async function listPage<T>(
    path: string,
    resource: string,
    params: GetListParams,
    extraFilter: Record<string, unknown> = {},
  ): Promise<{
    data: T[];
    total?: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean };
  }> {
    const page = params.pagination?.page ?? 1;
    const perPage = params.pagination?.perPage ?? 50;
    const key = cursors.key(resource, params, JSON.stringify(extraFilter));
    const query = {
      ...filterQuery({ ...params.filter, ...extraFilter }),
      limit: perPage,
      sort: sortParam(params.sort),
    };
    const empty = { data: [], pageInfo: { hasNextPage: false, hasPreviousPage: page > 1 } };
    // Walk forward from the last page whose cursor is known (a jump, or a reload on page 4).
    for (let at = cursors.highestKnown(key, page); at < page; at++) {
      const cursor = cursors.get(key, at);
      if (cursor === null && at > 1) return empty;
      const skipped = await api<Page<T>>('GET', path, {
        query: { ...query, cursor: cursor ?? undefined },
        signal: params.signal,
      });
      cursors.set(key, at + 1, skipped.nextCursor);
    }
    if (page > 1 && cursors.get(key, page) === null) return empty;
    const cursor = cursors.get(key, page);
    const result = await api<Page<T>>('GET', path, {
      query: { ...query, cursor: cursor ?? undefined },
      signal: params.signal,
    });
    cursors.set(key, page + 1, result.nextCursor);
    const pageInfo = { hasNextPage: !!result.nextCursor, hasPreviousPage: page > 1 };
    // On the last page the count is known without asking the database for it.
    if (!result.nextCursor)
      return { data: result.data, total: (page - 1) * perPage + result.data.length, pageInfo };
    return { data: result.data, pageInfo };
  }

  const provider: CrmDataProvider = {
    getList: (resource, params) => listPage(`/${resource}`, resource, params),

    getOne: async (resource, { id, signal }) => ({
      data: await api(`GET`, `/${resource}/${id}`, { signal }),
    }),

    getMany: async <R extends RaRecord>(resource: string, { ids, signal }: GetManyParams) => {
      // Staff are few: one page of users answers every reference to them.
      if (resource === 'users') {
        const page = await api<Page<R>>('GET', '/users', { query: { limit: 200 }, signal });
        const wanted = new Set(ids.map(String));
        return { data: page.data.filter((user) => wanted.has(String(user.id))) };
      }
      // The API has no batch read: one GET per record, each cached by react-query.
      return {
        data: await Promise.all(ids.map((id) => api<R>('GET', `/${resource}/${id}`, { signal }))),
      };
    },

    getManyReference: async <R extends RaRecord>(
      resource: string,
      params: GetManyReferenceParams,
    ) => {
      const nested = NESTED[`${resource}:${params.target}`];
      if (nested) {
        const body = await api<R[] | Page<R>>('GET', nested.path(params.id), {
          signal: params.signal,
        });
        const data = Array.isArray(body) ? body : body.data;
        return { data, total: data.length };
      }
      return listPage<R>(`/${resource}`, resource, params, { [params.target]: params.id });
    },

    create: async (resource, { data, meta }) => ({
      data: await api('POST', `/${resource}`, {
        body: data,
        idempotencyKey: (meta as { idempotencyKey?: string } | undefined)?.idempotencyKey,
      }),
    }),

    update: async (resource, { id, data, previousData }) => {
      const previous = previousData as VersionedRecord | undefined;
      const patch = changedFields(data as Record<string, unknown>, previous);
      if (Object.keys(patch).length === 0) return { data: previousData };
      return {
        data: await api('PATCH', `/${resource}/${id}`, { body: patch, version: previous?.version }),
      };
    },

    updateMany: async (resource, { ids, data }) => {
      for (const id of ids) {
        const current = await api<VersionedRecord>('GET', `/${resource}/${id}`);
        await api('PATCH', `/${resource}/${id}`, {
          body: changedFields(data, current),
          version: current.version,
        });
      }
      return { data: ids };
    },

    delete: async <R extends RaRecord>(
      resource: string,
      { id, previousData, meta }: DeleteParams<R>,
    ) => {
      const version = (previousData as VersionedRecord | undefined)?.version;
      const reason = (meta as { reason?: string } | undefined)?.reason;
      await api('DELETE', `/${resource}/${id}`, { version, query: { reason } });
      return { data: previousData as R };
    },

    deleteMany: async (resource, { ids }) => {
      for (const id of ids) {
        const current = await api<VersionedRecord>('GET', `/${resource}/${id}`);
        await api('DELETE', `/${resource}/${id}`, { version: current.version });
      }
      return { data: ids };
    },

    call: (method, path, options) => api(method, path, options),
  };
  return provider;
}
