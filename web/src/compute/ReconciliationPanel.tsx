import { useState } from 'react';
import {
  Button,
  useCanAccess,
  useDataProvider,
  useLocaleState,
  useNotify,
  useTranslate,
} from 'react-admin';
import {
  Alert,
  Card,
  CardContent,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { CrmDataProvider } from '../api/dataProvider';
import { ApiError } from '../api/http';
import { formatDateTime } from '../common/format';
import { AccountLink, Figure } from './AccountParts';
import type { Reconciliation } from './types';

const QUERY_KEY = ['compute-reconciliation'];

/** The latest comparison of the CRM with the compute center (nightly), and "run now" for admins. */
export function ReconciliationPanel() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const notify = useNotify();
  const dataProvider = useDataProvider<CrmDataProvider>();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const { canAccess: canRun } = useCanAccess({ action: 'manage', resource: 'Integration' });
  const latest = useQuery({
    queryKey: QUERY_KEY,
    queryFn: async () => {
      try {
        return await dataProvider.call<Reconciliation>('GET', '/compute-accounts/reconciliation');
      } catch (error) {
        // None has run yet.
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
  const run = async () => {
    setBusy(true);
    try {
      const result = await dataProvider.call<Reconciliation>(
        'POST',
        '/compute-accounts/reconciliation',
      );
      queryClient.setQueryData(QUERY_KEY, result);
      notify('crm.compute.reconciliation.done', {
        type: 'success',
        messageArgs: { smart_count: result.drift.length },
      });
    } catch (error) {
      notify(error instanceof Error ? error.message : 'crm.errors.INTERNAL_ERROR', {
        type: 'error',
      });
    } finally {
      setBusy(false);
    }
  };
  const result = latest.data;
  return (
    <Card component="section" aria-labelledby="reconciliation-title" sx={{ mt: 2 }}>
      <CardContent>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1 }}>
          <Typography id="reconciliation-title" variant="h6" component="h2" sx={{ flex: 1 }}>
            {translate('crm.compute.reconciliation.title')}
          </Typography>
          {canRun ? (
            <Button
              label="crm.compute.reconciliation.run"
              variant="outlined"
              disabled={busy}
              onClick={() => void run()}
            >
              <PlayArrowIcon />
            </Button>
          ) : null}
        </Stack>
        {latest.isPending ? null : !result ? (
          <Typography variant="body2" color="text.secondary">
            {translate('crm.compute.reconciliation.never')}
          </Typography>
        ) : (
          <Stack spacing={2}>
            <Stack direction="row" spacing={4} sx={{ flexWrap: 'wrap' }}>
              <Figure
                label={translate('crm.compute.reconciliation.startedAt')}
                value={formatDateTime(result.startedAt, locale)}
              />
              <Figure
                label={translate('crm.compute.reconciliation.accountsChecked')}
                value={String(result.accountsChecked)}
              />
              <Figure
                label={translate('crm.compute.reconciliation.driftCount')}
                value={String(result.drift.length)}
              />
            </Stack>
            {result.error ? (
              <Alert severity="error">
                {translate('crm.compute.reconciliation.error', { error: result.error })}
              </Alert>
            ) : null}
            {result.drift.length === 0 ? (
              <Typography variant="body2">
                {translate('crm.compute.reconciliation.noDrift')}
              </Typography>
            ) : (
              <Table size="small" aria-label={translate('crm.compute.reconciliation.drift')}>
                <TableHead>
                  <TableRow>
                    <TableCell>{translate('crm.compute.reconciliation.account')}</TableCell>
                    <TableCell>{translate('crm.compute.reconciliation.field')}</TableCell>
                    <TableCell>{translate('crm.compute.reconciliation.crm')}</TableCell>
                    <TableCell>{translate('crm.compute.reconciliation.center')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {result.drift.map((item, index) => (
                    <TableRow key={`${item.accountId}-${item.field}-${item.allocationId ?? index}`}>
                      <TableCell>
                        <AccountLink accountId={item.accountId} />
                      </TableCell>
                      <TableCell>{item.field}</TableCell>
                      <TableCell>{item.crm}</TableCell>
                      <TableCell>{item.center}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </Stack>
        )}
      </CardContent>
    </Card>
  );
}
