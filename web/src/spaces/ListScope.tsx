import { useMemo, type ReactNode } from 'react';
import {
  DataProviderContext,
  useDataProvider,
  type GetListParams,
  type GetManyReferenceParams,
  type RaRecord,
} from 'react-admin';
import type { CrmDataProvider } from '../api/dataProvider';

/**
 * Collections the API answers as a plain array (200 at most, filtered on the server), not as a
 * keyset page: `buildings`, `reservations`, `leases`, `onboarding-tracks`, `onboarding-templates`.
 */
export const ARRAY_RESOURCES = new Set([
  'buildings',
  'reservations',
  'leases',
  'onboarding-tracks',
  'onboarding-templates',
]);

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') return a.localeCompare(b, 'zh-CN');
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  const [x, y] = [Number(a), Number(b)];
  if (typeof a !== 'boolean' && Number.isFinite(x) && Number.isFinite(y) && a !== '' && b !== '')
    return x - y;
  return JSON.stringify(a).localeCompare(JSON.stringify(b), 'zh-CN');
}

/** Sorts and pages an array answer in the browser, as react-admin expects of a list. */
function page<T extends RaRecord>(rows: T[], params: GetListParams) {
  const { field, order } = params.sort ?? { field: 'id', order: 'ASC' };
  const sorted =
    field && field !== 'id'
      ? [...rows].sort(
          (a, b) => compare(a[field as keyof T], b[field as keyof T]) * (order === 'DESC' ? -1 : 1),
        )
      : rows;
  const perPage = params.pagination?.perPage ?? 50;
  const at = ((params.pagination?.page ?? 1) - 1) * perPage;
  return { data: sorted.slice(at, at + perPage), total: rows.length };
}

function query(filter: Record<string, unknown> = {}) {
  return Object.fromEntries(
    Object.entries(filter).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  ) as Record<string, string>;
}

/**
 * The app's data provider, except that lists of the array collections above are read whole and
 * sorted and paged here, so react-admin's List, filters and references work on them too.
 */
export function ListScope({ children }: { children: ReactNode }) {
  const base = useDataProvider<CrmDataProvider>();
  const provider = useMemo<CrmDataProvider>(
    () => ({
      ...base,
      getList: async (resource, params) => {
        if (!ARRAY_RESOURCES.has(resource)) return base.getList(resource, params);
        const rows = await base.call<RaRecord[]>('GET', `/${resource}`, {
          query: query(params.filter),
          signal: params.signal,
        });
        return page(rows, params) as never;
      },
      getManyReference: async (resource, params: GetManyReferenceParams) => {
        if (!ARRAY_RESOURCES.has(resource)) return base.getManyReference(resource, params);
        const rows = await base.call<RaRecord[]>('GET', `/${resource}`, {
          query: query({ ...params.filter, [params.target]: params.id }),
          signal: params.signal,
        });
        return page(rows, params) as never;
      },
    }),
    [base],
  );
  return <DataProviderContext.Provider value={provider}>{children}</DataProviderContext.Provider>;
}

/** A page component wrapped in the scope. */
export function scoped<P extends object>(Component: (props: P) => ReactNode) {
  return function Scoped(props: P) {
    return (
      <ListScope>
        <Component {...props} />
      </ListScope>
    );
  };
}
