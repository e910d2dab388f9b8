import { useState } from 'react';
import {
  Button,
  useCanAccess,
  useDataProvider,
  useLocaleState,
  useNotify,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import {
  Chip,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import SyncIcon from '@mui/icons-material/Sync';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { CrmDataProvider } from '../api/dataProvider';
import type { Company, Schemas } from '../api/types';
import { formatCardHours, formatDate, formatDateTime } from '../common/format';

type Account = Schemas['ComputeAccountDetailDto'];
type AccountSummary = Schemas['ComputeAccountDto'];

const STATUS_COLOR: Record<string, 'default' | 'success' | 'warning' | 'error'> = {
  pending: 'default',
  active: 'success',
  suspended: 'warning',
  closed: 'default',
  failed: 'error',
};

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Stack>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="h6" component="p">
        {value}
      </Typography>
    </Stack>
  );
}

/** The firm's account at the Ascend AI Computing Center: status, quota and its allocations. */
export function ComputeAccountTab() {
  const company = useRecordContext<Company>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const notify = useNotify();
  const dataProvider = useDataProvider<CrmDataProvider>();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const { canAccess: canOpen } = useCanAccess({ action: 'create', resource: 'compute-accounts' });
  const { canAccess: canResync } = useCanAccess({
    action: 'resync',
    resource: 'compute-accounts',
  });
  const queryKey = ['compute-account', company?.id];
  const account = useQuery({
    queryKey,
    enabled: !!company,
    queryFn: async () => {
      const page = await dataProvider.call<{ data: AccountSummary[] }>('GET', '/compute-accounts', {
        query: { companyId: company!.id, limit: 1 },
      });
      const found = page.data[0];
      return found ? dataProvider.call<Account>('GET', `/compute-accounts/${found.id}`) : null;
    },
  });
  if (!company || account.isPending) return null;
  const act = async (run: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await run();
      notify(done, { type: 'success' });
      await queryClient.invalidateQueries({ queryKey });
    } catch (error) {
      notify(error instanceof Error ? error.message : 'crm.errors.INTERNAL_ERROR', {
        type: 'error',
      });
    } finally {
      setBusy(false);
    }
  };
  const current = account.data;
  if (!current)
    return (
      <Stack spacing={2} sx={{ py: 2, alignItems: 'flex-start' }}>
        <Typography variant="body2" color="text.secondary">
          {translate('crm.compute.none')}
        </Typography>
        {canOpen ? (
          <Button
            label="crm.compute.open"
            variant="contained"
            disabled={busy}
            onClick={() =>
              void act(
                () =>
                  dataProvider.call('POST', '/compute-accounts', {
                    body: { companyId: company.id },
                  }),
                'crm.compute.opened',
              )
            }
          >
            <AddIcon />
          </Button>
        ) : null}
      </Stack>
    );
  return (
    <Stack spacing={2} sx={{ py: 2 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Chip
          label={translate(`crm.enums.computeAccountStatus.${current.status}`)}
          color={STATUS_COLOR[current.status]}
        />
        <Typography variant="body2" color="text.secondary">
          {translate('crm.compute.externalId', { id: current.externalId ?? '—' })}
        </Typography>
        {current.statusReason ? (
          <Typography variant="body2">
            {translate(`crm.compute.reasons.${current.statusReason}`, {
              _: current.statusReason,
            })}
          </Typography>
        ) : null}
        {canResync ? (
          <Button
            label="crm.compute.resync"
            disabled={busy || !current.externalId}
            onClick={() =>
              void act(
                () => dataProvider.call('POST', `/compute-accounts/${current.id}/resync`),
                'crm.compute.resynced',
              )
            }
          >
            <SyncIcon />
          </Button>
        ) : null}
      </Stack>
      <Stack direction="row" spacing={4} sx={{ flexWrap: 'wrap' }}>
        <Figure
          label={translate('crm.compute.quota')}
          value={formatCardHours(current.quotaCardHours, locale)}
        />
        <Figure
          label={translate('crm.compute.remaining')}
          value={formatCardHours(current.remainingCardHours, locale)}
        />
        <Figure
          label={translate('crm.compute.used')}
          value={formatCardHours(current.usedCardHours, locale)}
        />
        <Figure
          label={translate('crm.compute.lastSynced')}
          value={formatDateTime(current.lastSyncedAt, locale)}
        />
      </Stack>
      <Typography variant="subtitle1" component="h3">
        {translate('crm.compute.allocations')}
      </Typography>
      {current.allocations.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate('crm.compute.noAllocations')}
        </Typography>
      ) : (
        <Table size="small" aria-label={translate('crm.compute.allocations')}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('crm.compute.amount')}</TableCell>
              <TableCell>{translate('crm.compute.remaining')}</TableCell>
              <TableCell>{translate('crm.compute.validity')}</TableCell>
              <TableCell>{translate('crm.compute.status')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {current.allocations.map((allocation) => (
              <TableRow key={allocation.id}>
                <TableCell>{formatCardHours(allocation.amount, locale)}</TableCell>
                <TableCell>{formatCardHours(allocation.remaining, locale)}</TableCell>
                <TableCell>
                  {formatDate(allocation.validFrom, locale)} –{' '}
                  {formatDate(allocation.validUntil, locale)}
                </TableCell>
                <TableCell>
                  {translate(`crm.enums.allocationStatus.${allocation.status}`)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Stack>
  );
}
