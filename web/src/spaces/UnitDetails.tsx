import { useState, type ReactNode } from 'react';
import { Button, useCanAccess, useGetOne, useLocaleState, useTranslate } from 'react-admin';
import { Box, Chip, Link, Stack, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import EditIcon from '@mui/icons-material/Edit';
import HistoryEduIcon from '@mui/icons-material/HistoryEdu';
import { Link as RouterLink } from 'react-router-dom';
import { formatArea, formatDate, formatDateTime, formatMoney } from '../common/format';
import { HoldDialog, LeaseDialog, ReleaseHoldButton } from './dialogs';
import { currentHold, currentLease, useHolds, useLeases } from './hooks';
import { daysUntil, EXPIRING_SOON_DAYS } from './status';
import { StatusChip } from './StatusChip';
import type { Building, Hold, LeaseItem, Unit } from './types';
import { useAllowed } from '../auth/useAllowed';

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box sx={{ display: 'contents' }}>
      <Typography component="dt" variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0 }}>
        {children}
      </Typography>
    </Box>
  );
}

function Facts({ children }: { children: ReactNode }) {
  return (
    <Box
      component="dl"
      sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5 }}
    >
      {children}
    </Box>
  );
}

function RecordLinks({
  companyId,
  companyName,
  dealId,
  dealTitle,
}: {
  companyId: string;
  companyName: string;
  dealId: string | null;
  dealTitle: string | null;
}) {
  const translate = useTranslate();
  return (
    <>
      <Item label={translate('crm.spaces.unit.company')}>
        <Link component={RouterLink} to={`/companies/${companyId}/show`}>
          {companyName}
        </Link>
      </Item>
      {dealId ? (
        <Item label={translate('crm.spaces.unit.deal')}>
          <Link component={RouterLink} to={`/deals/${dealId}/show`}>
            {dealTitle}
          </Link>
        </Item>
      ) : null}
    </>
  );
}

export function ExpiryText({ expiresAt }: { expiresAt: string }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const days = daysUntil(expiresAt);
  const soon = days <= EXPIRING_SOON_DAYS;
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }} component="span">
      <Box component="span" sx={soon ? { fontWeight: 700 } : undefined}>
        {formatDateTime(expiresAt, locale)}
      </Box>
      {soon ? (
        <Chip
          size="small"
          label={`${translate('crm.spaces.hold.expiringSoon')} · ${translate('crm.spaces.hold.expiresInDays', { days: Math.max(days, 0) })}`}
          sx={{ bgcolor: '#fff1d6', color: '#5c3200', fontWeight: 600 }}
        />
      ) : null}
    </Stack>
  );
}

function HoldSection({ hold, unit }: { hold: Hold; unit: Unit }) {
  const translate = useTranslate();
  const { canAccess: mayCreate } = useCanAccess({ action: 'create', resource: 'reservations' });
  const ownsDeal = useAllowed('update', 'deals', { ownerId: hold.dealOwnerId });
  const [leasing, setLeasing] = useState(false);
  return (
    <Box component="section" aria-label={translate('crm.spaces.unit.currentHold')}>
      <Typography variant="subtitle1" component="h3">
        {translate('crm.spaces.unit.currentHold')}
      </Typography>
      <Facts>
        <RecordLinks
          companyId={hold.companyId}
          companyName={hold.companyName}
          dealId={hold.dealId}
          dealTitle={hold.dealTitle}
        />
        <Item label={translate('crm.spaces.unit.expiresAt')}>
          <ExpiryText expiresAt={hold.expiresAt} />
        </Item>
      </Facts>
      {mayCreate && ownsDeal ? (
        <Stack direction="row" spacing={1}>
          <ReleaseHoldButton hold={hold} unitCode={unit.code} />
          <Button label="crm.spaces.lease.fromHold" onClick={() => setLeasing(true)}>
            <HistoryEduIcon />
          </Button>
        </Stack>
      ) : null}
      {leasing ? (
        <LeaseDialog unit={unit} dealId={hold.dealId} onClose={() => setLeasing(false)} />
      ) : null}
    </Box>
  );
}

function LeaseSection({ lease }: { lease: LeaseItem }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return (
    <Box component="section" aria-label={translate('crm.spaces.unit.currentLease')}>
      <Typography variant="subtitle1" component="h3">
        {translate('crm.spaces.unit.currentLease')}
      </Typography>
      <Facts>
        <RecordLinks
          companyId={lease.companyId}
          companyName={lease.companyName}
          dealId={lease.dealId}
          dealTitle={lease.dealTitle}
        />
        <Item label={translate('crm.spaces.unit.period')}>
          {translate('crm.spaces.unit.periodValue', {
            start: formatDate(lease.startDate, locale),
            end: formatDate(lease.endDate, locale),
          })}
        </Item>
        <Item label={translate('crm.spaces.unit.monthlyRent')}>
          {formatMoney(lease.monthlyRent, locale)}
          {lease.rentFreeMonths
            ? ` · ${translate('crm.spaces.unit.rentFree', { months: lease.rentFreeMonths })}`
            : ''}
        </Item>
      </Facts>
    </Box>
  );
}

/**
 * A unit: its figures, its current hold or lease with links to the deal and company, and the
 * actions the signed-in user may take (hold, release, lease; admins edit).
 */
export function UnitDetails({ unit }: { unit: Unit }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { data: building } = useGetOne<Building>('buildings', { id: unit.buildingId });
  const holds = useHolds({ unitId: unit.id, status: 'active' });
  const leases = useLeases({ unitId: unit.id, status: 'active' });
  const hold = currentHold(holds.data ?? [], unit.id);
  const lease = currentLease(leases.data ?? [], unit.id);
  const { canAccess: mayCreate } = useCanAccess({ action: 'create', resource: 'reservations' });
  const { canAccess: mayEdit } = useCanAccess({ action: 'edit', resource: 'units' });
  const [dialog, setDialog] = useState<'hold' | 'lease' | null>(null);
  const free = unit.status === 'available';
  return (
    <Stack spacing={2}>
      <Facts>
        <Item label={translate('crm.spaces.unit.building')}>
          <Link component={RouterLink} to={`/buildings/${unit.buildingId}/show`}>
            {building?.name ?? '…'}
          </Link>
        </Item>
        <Item label={translate('resources.units.fields.floor')}>{unit.floor}</Item>
        <Item label={translate('resources.units.fields.area')}>
          {formatArea(unit.area, locale)}
        </Item>
        <Item label={translate('resources.units.fields.type')}>
          {translate(`crm.spaces.unitType.${unit.type}`)}
        </Item>
        <Item label={translate('resources.units.fields.listRent')}>
          {formatMoney(unit.listRent, locale)}
        </Item>
        <Item label={translate('resources.units.fields.status')}>
          <StatusChip status={unit.status} />
        </Item>
      </Facts>
      {hold ? <HoldSection hold={hold} unit={unit} /> : null}
      {lease ? <LeaseSection lease={lease} /> : null}
      {!hold && !lease && !holds.isPending && !leases.isPending ? (
        <Typography variant="body2" color="text.secondary">
          {translate('crm.spaces.unit.noHold')} · {translate('crm.spaces.unit.noLease')}
        </Typography>
      ) : null}
      <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }}>
        {mayCreate && free ? (
          <>
            <Button
              label="crm.spaces.unit.placeHold"
              variant="contained"
              onClick={() => setDialog('hold')}
            >
              <AddIcon />
            </Button>
            <Button label="crm.spaces.unit.signLease" onClick={() => setDialog('lease')}>
              <HistoryEduIcon />
            </Button>
          </>
        ) : null}
        {mayEdit ? (
          <Button label="crm.spaces.unit.edit" component={RouterLink} to={`/units/${unit.id}`}>
            <EditIcon />
          </Button>
        ) : null}
      </Stack>
      {dialog === 'hold' ? <HoldDialog unit={unit} onClose={() => setDialog(null)} /> : null}
      {dialog === 'lease' ? <LeaseDialog unit={unit} onClose={() => setDialog(null)} /> : null}
    </Stack>
  );
}
