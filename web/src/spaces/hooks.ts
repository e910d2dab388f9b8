import { useDataProvider } from 'react-admin';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { readAll, type CrmDataProvider } from '../api/dataProvider';
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
    queryFn: ({ signal }) =>
      readAll<Unit>(dataProvider, '/units', { buildingId, sort: 'code' }, signal),
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

/** Every hold matching the filters (of a unit, a deal or a building: pages of 200 are walked). */
export function useHolds(query: Query, enabled = true) {
  const dataProvider = useDataProvider<CrmDataProvider>();
  return useQuery({
    queryKey: ['spaces', 'reservations', query],
    enabled,
    queryFn: ({ signal }) => readAll<Hold>(dataProvider, '/reservations', clean(query), signal),
  });
}

/** Every lease matching the filters (of a unit, a deal or a building: pages of 200 are walked). */
export function useLeases(query: Query, enabled = true) {
  const dataProvider = useDataProvider<CrmDataProvider>();
  return useQuery({
    queryKey: ['spaces', 'leases', query],
    enabled,
    queryFn: ({ signal }) => readAll<LeaseItem>(dataProvider, '/leases', clean(query), signal),
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
