import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import { useEffect, useState } from 'react';
import type { CrmDataProvider } from '../api/dataProvider';
import type { Schemas } from '../api/types';

export type SearchResult = Schemas['SearchResultDto'];
export type SearchKind = keyof SearchResult;
export const SEARCH_KINDS: SearchKind[] = ['companies', 'deals', 'leads', 'contacts'];

/** The value after the user stopped typing for `delay` ms. */
export function useDebounced<T>(value: T, delay = 250): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

/** `GET /search`: the best hits of each kind for a text, cached per text. */
export function useSearch(text: string, limit: number) {
  const dataProvider = useDataProvider<CrmDataProvider>();
  const q = text.trim();
  return useQuery({
    queryKey: ['search', q, limit],
    enabled: q.length > 0,
    staleTime: 10_000,
    queryFn: ({ signal }) =>
      dataProvider.call<SearchResult>('GET', '/search', { query: { q, limit }, signal }),
  });
}

/** Where a hit opens. */
export function hitPath(kind: SearchKind, hit: { id: string; companyId?: string }): string {
  switch (kind) {
    case 'companies':
      return `/companies/${hit.id}/show`;
    case 'deals':
      return `/deals/${hit.id}/show`;
    case 'leads':
      return `/leads/${hit.id}/show`;
    case 'contacts':
      return `/companies/${hit.companyId}/show`;
  }
}
