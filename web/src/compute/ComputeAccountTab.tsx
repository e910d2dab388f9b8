import { useState } from 'react';
import {
  Button,
  Link,
  useCanAccess,
  useDataProvider,
  useNotify,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { Stack, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { CrmDataProvider } from '../api/dataProvider';
import type { Company } from '../api/types';
import { AccountFigures, AccountStatusChip, AllocationsTable, ResyncButton } from './AccountParts';
import type { ComputeAccount, ComputeAccountDetail } from './types';

/** The firm's account at the Ascend AI Computing Center: status, quota and its allocations. */
export function ComputeAccountTab() {
  const company = useRecordContext<Company>();
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<CrmDataProvider>();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const { canAccess: canOpen } = useCanAccess({ action: 'create', resource: 'compute-accounts' });
  const queryKey = ['compute-account', company?.id];
  const account = useQuery({
    queryKey,
    enabled: !!company,
    queryFn: async () => {
      const page = await dataProvider.call<{ data: ComputeAccount[] }>('GET', '/compute-accounts', {
        query: { companyId: company!.id, limit: 1 },
      });
      const found = page.data[0];
      return found
        ? dataProvider.call<ComputeAccountDetail>('GET', `/compute-accounts/${found.id}`)
        : null;
    },
  });
  if (!company || account.isPending) return null;
  const refresh = () => queryClient.invalidateQueries({ queryKey });
  const open = async () => {
    setBusy(true);
    try {
      await dataProvider.call('POST', '/compute-accounts', { body: { companyId: company.id } });
      notify('crm.compute.opened', { type: 'success' });
      await refresh();
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
            onClick={() => void open()}
          >
            <AddIcon />
          </Button>
        ) : null}
      </Stack>
    );
  return (
    <Stack spacing={2} sx={{ py: 2 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <AccountStatusChip status={current.status} />
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
        <ResyncButton account={current} onDone={refresh} />
        <Link to={`/compute-accounts/${current.id}/show`} variant="body2">
          {translate('crm.compute.openAccount')}
        </Link>
      </Stack>
      <AccountFigures account={current} />
      <Typography variant="subtitle1" component="h3">
        {translate('crm.compute.allocations')}
      </Typography>
      <AllocationsTable allocations={current.allocations} />
    </Stack>
  );
}
