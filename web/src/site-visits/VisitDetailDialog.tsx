import { useState, type ReactNode } from 'react';
import {
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Rating,
  Stack,
  Typography,
} from '@mui/material';
import {
  Link,
  useGetIdentity,
  useGetList,
  useGetOne,
  useLocaleState,
  useTranslate,
} from 'react-admin';
import type { Deal, SiteVisit, User } from '../api/types';
import { formatDateTime, formatTime } from '../common/format';
import { VisitActionDialog, type VisitAction } from './VisitActionDialogs';
import { CHIP_COLOURS, hasStarted } from './visitStatus';
import { dealLabel, usePlaceName } from './useVisitLabels';
import { useAllowed } from '../auth/useAllowed';

function Detail({ label, children }: { label: string; children: ReactNode }) {
  const translate = useTranslate();
  return (
    <Box>
      <Typography variant="caption" color="text.secondary" component="div">
        {translate(label)}
      </Typography>
      <Typography variant="body2" component="div">
        {children}
      </Typography>
    </Box>
  );
}

/** The deal's owner (or an admin) and the visit's hosts may change a scheduled visit. */
function useMayChange(visit: SiteVisit, deal: Deal | undefined): boolean {
  const { identity } = useGetIdentity();
  const canAccess = useAllowed('update', 'deals', deal, !!deal);
  const isHost = !!identity && visit.hostIds.includes(String(identity.id));
  return visit.status === 'scheduled' && (isHost || !!canAccess);
}

/** A visit's details, with the actions its status and the user's rights allow. */
export function VisitDetailDialog({
  visit,
  onClose,
  onReschedule,
}: {
  visit: SiteVisit;
  onClose: () => void;
  onReschedule: () => void;
}) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [action, setAction] = useState<VisitAction | null>(null);
  const { data: deal } = useGetOne<Deal>('deals', { id: visit.dealId });
  const { data: users = [] } = useGetList<User>('users', {
    pagination: { page: 1, perPage: 200 },
    sort: { field: 'displayName', order: 'ASC' },
  });
  const placeName = usePlaceName([visit]);
  const mayChange = useMayChange(visit, deal);
  const started = hasStarted(visit);
  const hostNames = visit.hostIds
    .map((id) => users.find((user) => user.id === id)?.displayName ?? '…')
    .join('、');

  return (
    <>
      <Dialog open onClose={onClose} aria-labelledby="visit-detail-title" fullWidth maxWidth="sm">
        <DialogTitle id="visit-detail-title">
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <span>{dealLabel(deal)}</span>
            <Chip
              size="small"
              color={CHIP_COLOURS[visit.status]}
              label={translate(`crm.enums.visitStatus.${visit.status}`)}
            />
          </Stack>
        </DialogTitle>
        <DialogContent>
          <Stack spacing={1.5}>
            <Detail label="crm.visits.when">
              {formatDateTime(visit.startsAt, locale)}–{formatTime(visit.endsAt, locale)}{' '}
              {translate('crm.visits.beijingTime')}
            </Detail>
            <Detail label="crm.visits.place">{placeName(visit)}</Detail>
            <Detail label="resources.site-visits.fields.hostIds">{hostNames}</Detail>
            <Detail label="resources.site-visits.fields.visitors">
              {visit.visitors.join('、') || '—'}
            </Detail>
            {visit.status === 'completed' ? (
              <>
                <Detail label="resources.site-visits.fields.interest">
                  <Rating
                    value={visit.interest}
                    readOnly
                    size="small"
                    aria-label={translate('crm.visits.interestValue', {
                      smart_count: visit.interest ?? 0,
                    })}
                  />
                </Detail>
                <Detail label="resources.site-visits.fields.outcomeNotes">
                  {visit.outcomeNotes || '—'}
                </Detail>
                <Detail label="resources.site-visits.fields.nextStep">
                  {visit.nextStep || '—'}
                </Detail>
              </>
            ) : null}
            {visit.cancelReason ? (
              <Detail label="resources.site-visits.fields.cancelReason">
                {visit.cancelReason}
              </Detail>
            ) : null}
            {deal ? (
              <Link to={`/deals/${deal.id}/show`}>{translate('crm.visits.openDeal')}</Link>
            ) : null}
          </Stack>
        </DialogContent>
        <DialogActions sx={{ flexWrap: 'wrap', gap: 1 }}>
          {mayChange ? (
            <>
              <Button onClick={onReschedule}>{translate('crm.visits.actions.reschedule')}</Button>
              <Button color="warning" onClick={() => setAction('cancel')}>
                {translate('crm.visits.actions.cancel')}
              </Button>
              {started ? (
                <>
                  <Button color="warning" onClick={() => setAction('no-show')}>
                    {translate('crm.visits.actions.no-show')}
                  </Button>
                  <Button variant="contained" onClick={() => setAction('complete')}>
                    {translate('crm.visits.actions.complete')}
                  </Button>
                </>
              ) : null}
            </>
          ) : null}
          <Button onClick={onClose}>{translate('crm.common.close')}</Button>
        </DialogActions>
      </Dialog>
      {action ? (
        <VisitActionDialog
          visit={visit}
          action={action}
          onClose={() => setAction(null)}
          onDone={() => {
            setAction(null);
            onClose();
          }}
        />
      ) : null}
    </>
  );
}
