import { useQueries } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { CrmDataProvider } from '../api/dataProvider';
import type { SiteVisit } from '../api/types';
import { overlaps } from './beijingTime';

/** The longest visit the API books: a visit overlapping the interval started at most this early. */
const MAX_VISIT_MS = 12 * 3_600_000;

/** Scheduled and completed visits hold their hosts and place; cancelled and missed ones free them. */
const HOLDS_SLOT: SiteVisit['status'][] = ['scheduled', 'completed'];

export interface VisitPlan {
  startsAt: string;
  endsAt: string;
  hostIds: string[];
  placeType: SiteVisit['placeType'];
  placeId: string | null;
  /** The visit being rescheduled, which never clashes with itself. */
  visitId?: string;
}

export type Clash =
  { kind: 'host'; hostId: string; visit: SiteVisit } | { kind: 'place'; visit: SiteVisit };

interface Page {
  data: SiteVisit[];
}

/** Whether a place is exclusive: the computing center is one place; "other" places never clash. */
function placeIsExclusive(plan: VisitPlan): boolean {
  if (plan.placeType === 'other') return false;
  return plan.placeType === 'computing_center' || !!plan.placeId;
}

/**
 * Visits that would refuse the plan, as the database's exclusion constraints would: each host's
 * visits over the interval, and the place's (the API has no place filter: the interval's visits
 * are filtered by place here).
 */
export function useVisitClashes(plan: VisitPlan | null): Clash[] {
  const dataProvider = useDataProvider<CrmDataProvider>();
  const valid = !!plan && new Date(plan.endsAt).getTime() > new Date(plan.startsAt).getTime();
  const from = valid
    ? new Date(new Date(plan.startsAt).getTime() - MAX_VISIT_MS).toISOString()
    : '';
  const to = valid ? new Date(plan.endsAt).toISOString() : '';
  const fetchVisits = (hostId?: string) => () =>
    dataProvider
      .call<Page>('GET', '/site-visits', { query: { from, to, hostId, limit: 200 } })
      .then((page) => page.data);

  const hostIds = valid ? plan.hostIds : [];
  const results = useQueries({
    queries: [
      ...hostIds.map((hostId) => ({
        queryKey: ['site-visits', 'clashes', { from, to, hostId }],
        queryFn: fetchVisits(hostId),
      })),
      {
        queryKey: ['site-visits', 'clashes', { from, to }],
        queryFn: fetchVisits(),
        enabled: valid && placeIsExclusive(plan),
      },
    ],
  });
  if (!valid) return [];

  const blocking = (visit: SiteVisit) =>
    visit.id !== plan.visitId && HOLDS_SLOT.includes(visit.status) && overlaps(visit, plan);
  const clashes: Clash[] = hostIds.flatMap((hostId, i) =>
    (results[i].data ?? [])
      .filter(blocking)
      .map((visit) => ({ kind: 'host' as const, hostId, visit })),
  );
  if (placeIsExclusive(plan)) {
    const samePlace = (visit: SiteVisit) =>
      visit.placeType === plan.placeType && (visit.placeId ?? null) === (plan.placeId ?? null);
    for (const visit of (results[hostIds.length].data ?? []).filter(blocking).filter(samePlace))
      clashes.push({ kind: 'place', visit });
  }
  return clashes;
}
