import { Alert, AlertTitle, List, ListItem } from '@mui/material';
import { useGetList, useLocaleState, useTranslate } from 'react-admin';
import { useWatch } from 'react-hook-form';
import type { SiteVisit, User } from '../api/types';
import { formatDateTime, formatTime } from '../common/format';
import { wallClockToIso } from './beijingTime';
import { useVisitClashes, type Clash, type VisitPlan } from './useVisitClashes';
import { dealLabel, usePlaceName, useVisitDeals } from './useVisitLabels';

/** The plan the form describes so far, or null while its times are incomplete. */
function useFormPlan(visitId?: string): VisitPlan | null {
  const [startsAt, endsAt, hostIds, placeType, placeId] = useWatch({
    name: ['startsAt', 'endsAt', 'hostIds', 'placeType', 'placeId'],
  }) as [string, string, string[] | undefined, SiteVisit['placeType'], string | null];
  if (!startsAt || !endsAt || !placeType) return null;
  return {
    startsAt: wallClockToIso(startsAt),
    endsAt: wallClockToIso(endsAt),
    hostIds: hostIds ?? [],
    placeType,
    placeId: placeType === 'building' || placeType === 'unit' ? (placeId ?? null) : null,
    visitId,
  };
}

/** Warns, before saving, of each host or place already booked over the chosen time. */
export function VisitClashAlert({ visitId }: { visitId?: string }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const clashes = useVisitClashes(useFormPlan(visitId));
  const visits = clashes.map((clash) => clash.visit);
  const deals = useVisitDeals(visits);
  const placeName = usePlaceName(visits);
  const { data: users = [] } = useGetList<User>('users', {
    pagination: { page: 1, perPage: 200 },
    sort: { field: 'displayName', order: 'ASC' },
  });
  if (clashes.length === 0) return null;

  const describe = (clash: Clash) => {
    const options = {
      time: `${formatDateTime(clash.visit.startsAt, locale)}–${formatTime(clash.visit.endsAt, locale)}`,
      deal: dealLabel(deals.get(clash.visit.dealId)),
    };
    return clash.kind === 'host'
      ? translate('crm.visits.clash.host', {
          ...options,
          host: users.find((user) => user.id === clash.hostId)?.displayName ?? '…',
        })
      : translate('crm.visits.clash.place', { ...options, place: placeName(clash.visit) });
  };
  return (
    <Alert severity="warning" role="alert" sx={{ mt: 1 }}>
      <AlertTitle>{translate('crm.visits.clash.title')}</AlertTitle>
      <List dense disablePadding>
        {clashes.map((clash) => (
          <ListItem
            key={`${clash.kind}-${clash.kind === 'host' ? clash.hostId : ''}-${clash.visit.id}`}
            disableGutters
          >
            {describe(clash)}
          </ListItem>
        ))}
      </List>
    </Alert>
  );
}
