import { useState } from 'react';
import { Button, useCanAccess, useLocaleState, useTranslate } from 'react-admin';
import { Link, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { Link as RouterLink } from 'react-router-dom';
import type { Deal } from '../api/types';
import { formatDate, formatMoney } from '../common/format';
import { HoldDialog, ReleaseHoldButton } from './dialogs';
import { useHolds, useLeases } from './hooks';
import { ExpiryText } from './UnitDetails';
import { useAllowed } from '../auth/useAllowed';

/** The deal's holds and leases, with a way to hold a unit for it (its owner, or an admin). */
export function DealSpaces({ deal }: { deal: Deal }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const holds = useHolds({ dealId: String(deal.id) });
  const leases = useLeases({ dealId: String(deal.id) });
  const { canAccess: mayCreate } = useCanAccess({ action: 'create', resource: 'reservations' });
  const ownsDeal = useAllowed('update', 'deals', deal);
  const [holding, setHolding] = useState(false);
  const may = mayCreate && ownsDeal && !deal.closedAt;
  const unitLink = (unitId: string, code: string) => (
    <Link component={RouterLink} to={`/units/${unitId}/show`}>
      {code}
    </Link>
  );
  return (
    <>
      <Typography variant="subtitle1" component="h3">
        {translate('crm.spaces.deal.holds')}
      </Typography>
      {holds.data?.length ? (
        <Table size="small" aria-label={translate('crm.spaces.deal.holds')}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('resources.reservations.fields.unitCode')}</TableCell>
              <TableCell>{translate('resources.reservations.fields.expiresAt')}</TableCell>
              <TableCell>{translate('resources.reservations.fields.status')}</TableCell>
              <TableCell>{translate('crm.spaces.actions')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {holds.data.map((hold) => (
              <TableRow key={hold.id}>
                <TableCell>{unitLink(hold.unitId, hold.unitCode)}</TableCell>
                <TableCell>
                  {hold.status === 'active' ? (
                    <ExpiryText expiresAt={hold.expiresAt} />
                  ) : (
                    formatDate(hold.expiresAt, locale)
                  )}
                </TableCell>
                <TableCell>{translate(`crm.spaces.holdStatus.${hold.status}`)}</TableCell>
                <TableCell>
                  {may && hold.status === 'active' ? (
                    <ReleaseHoldButton hold={hold} unitCode={hold.unitCode} />
                  ) : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : (
        <Typography variant="body2">{translate('crm.spaces.deal.noHolds')}</Typography>
      )}
      {may ? (
        <Button label="crm.spaces.deal.placeHold" onClick={() => setHolding(true)}>
          <AddIcon />
        </Button>
      ) : null}
      <Typography variant="subtitle1" component="h3" sx={{ mt: 2 }}>
        {translate('crm.spaces.deal.leases')}
      </Typography>
      {leases.data?.length ? (
        <Table size="small" aria-label={translate('crm.spaces.deal.leases')}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('resources.leases.fields.unitCode')}</TableCell>
              <TableCell>{translate('resources.leases.fields.startDate')}</TableCell>
              <TableCell>{translate('resources.leases.fields.endDate')}</TableCell>
              <TableCell>{translate('resources.leases.fields.monthlyRent')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {leases.data.map((lease) => (
              <TableRow key={lease.id}>
                <TableCell>{unitLink(lease.unitId, lease.unitCode)}</TableCell>
                <TableCell>{formatDate(lease.startDate, locale)}</TableCell>
                <TableCell>{formatDate(lease.endDate, locale)}</TableCell>
                <TableCell>{formatMoney(lease.monthlyRent, locale)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : (
        <Typography variant="body2">{translate('crm.spaces.deal.noLeases')}</Typography>
      )}
      {holding ? <HoldDialog dealId={String(deal.id)} onClose={() => setHolding(false)} /> : null}
    </>
  );
}
