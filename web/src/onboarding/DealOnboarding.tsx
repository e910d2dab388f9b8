import { useDataProvider, useTranslate } from 'react-admin';
import { Link, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Link as RouterLink } from 'react-router-dom';
import type { CrmDataProvider, Page } from '../api/dataProvider';
import type { Deal } from '../api/types';
import { progressOf } from './progress';
import { TrackProgress } from './TrackList';
import type { Track } from './types';

/** The deal's onboarding track, if it has one: progress and a link to its checklist. */
export function DealOnboarding({ deal }: { deal: Deal }) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<CrmDataProvider>();
  const { data } = useQuery({
    queryKey: ['onboarding-tracks', 'ofDeal', deal.id],
    queryFn: ({ signal }) =>
      dataProvider.call<Page<Track>>('GET', '/onboarding-tracks', {
        query: { dealId: String(deal.id), limit: 1 },
        signal,
      }),
  });
  const track = data?.data[0];
  return (
    <>
      <Typography variant="subtitle1" component="h3">
        {translate('crm.onboarding.deal.track')}
      </Typography>
      {track ? (
        <>
          <TrackProgress track={track} />
          <Link component={RouterLink} to={`/onboarding-tracks/${track.id}/show`}>
            {translate('crm.onboarding.deal.open', progressOf(track))}
          </Link>
        </>
      ) : (
        <Typography variant="body2">{translate('crm.onboarding.deal.none')}</Typography>
      )}
    </>
  );
}
