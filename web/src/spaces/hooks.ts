import { useDataProvider } from 'react-admin';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { CrmDataProvider } from '../api/dataProvider';
import { beijingDay } from '../common/format';
import type { Hold, LeaseItem, Occupancy, Unit } from './types';

type Query = Record<string, string | undefined>;

function clean(query: Query): Record<string, string> {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v)) as Record<string, string>;
}

/** Every unit of a building (a building has a few hundred at most: pages of 200 are walked). */
export function useBuildingUnits(buildingId: string | undefined) {
  const dataProvider = useDataProvider<CrmDataProvider>();
  return useQuery({
    queryKey: ['spaces', 'units', buildingId],
    enabled: !!buildingId,
    queryFn: async ({ signal }) => {
      const units: Unit[] = [];
      let cursor: string | null = null;
      do {
        const page: { data: Unit[]; nextCursor: string | null } = await dataProvider.call(
          'GET',
          '/units',
          { query: { buildingId, limit: 200, sort: 'code', cursor: cursor ?? undefined }, signal },
        );
        units.push(...page.data);
        cursor = page.nextCursor;
      } while (cursor);
      return units;
    },
  });
}

export function useOccupancy(buildingId: string | undefined) {
  const dataProvider = useDataProvider<CrmDataProvider>();
  return useQuery({
    queryKey: ['spaces', 'occupancy', buildingId],
    enabled: !!buildingId,
    queryFn: ({ signal }) =>
      dataProvider.call<Occupancy>('GET', `/buildings/${buildingId}/occupancy`, { signal }),
  });
}

export function useHolds(query: Query, enabled = true) {
  const dataProvider = useDataProvider<CrmDataProvider>();
  return useQuery({
    queryKey: ['spaces', 'reservations', query],
    enabled,
    queryFn: ({ signal }) =>
      dataProvider.call<Hold[]>('GET', '/reservations', { query: clean(query), signal }),
  });
}

export function useLeases(query: Query, enabled = true) {
  const dataProvider = useDataProvider<CrmDataProvider>();
  return useQuery({
    queryKey: ['spaces', 'leases', query],
    enabled,
    queryFn: ({ signal }) =>
      dataProvider.call<LeaseItem[]>('GET', '/leases', { query: clean(query), signal }),
  });
}

/** After a hold, a release or a lease: every spaces query and react-admin list is read again. */
export function useSpacesChanged() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all(
      [['spaces'], ['units'], ['reservations'], ['leases'], ['buildings'], ['deals']].map(
        (queryKey) => queryClient.invalidateQueries({ queryKey }),
      ),
    );
}

/** The lease that makes a unit leased today (or the next one to start), of a unit's active leases. */
export function currentLease(leases: LeaseItem[], unitId: string): LeaseItem | undefined {
  const today = beijingDay(new Date());
  const live = leases
    .filter((l) => l.unitId === unitId && l.status === 'active' && l.endDate >= today)
    .sort((a, b) => a.startDate.localeCompare(b.startDate));
  return live.find((l) => l.startDate <= today) ?? live[0];
}

/** A unit's active hold that has not expired yet. */
export function currentHold(holds: Hold[], unitId: string): Hold | undefined {
  const now = Date.now();
  return holds.find(
    (h) => h.unitId === unitId && h.status === 'active' && new Date(h.expiresAt).getTime() > now,
  );
}
