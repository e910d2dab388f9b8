import { useState } from 'react';
import {
  Button,
  Link,
  useCanAccess,
  useGetOne,
  useDataProvider,
  useLocaleState,
  useNotify,
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
import SyncIcon from '@mui/icons-material/Sync';
import type { CrmDataProvider } from '../api/dataProvider';
import { formatCardHours, formatDate, formatDateTime } from '../common/format';
import type { ComputeAccount, ComputeAllocation, ComputeIntent } from './types';

/** Light fills with dark text (AA contrast in both themes), and the status always as text. */
const TONES = {
  neutral: { bgcolor: '#eceff1', color: '#263238' },
  info: { bgcolor: '#e3f2fd', color: '#0d47a1' },
  good: { bgcolor: '#e8f5e9', color: '#1b5e20' },
  warn: { bgcolor: '#fff3e0', color: '#7a3500' },
  bad: { bgcolor: '#ffebee', color: '#b71c1c' },
} as const;
type Tone = keyof typeof TONES;

export function StatusChip({ label, tone }: { label: string; tone: Tone }) {
  return <Chip size="small" label={label} sx={{ ...TONES[tone], fontWeight: 500 }} />;
}

const ACCOUNT_TONE: Record<string, Tone> = {
  pending: 'info',
  active: 'good',
  suspended: 'warn',
  closed: 'neutral',
  failed: 'bad',
};

/** An account's status at the compute center, as a labelled chip. */
export function AccountStatusChip({ status }: { status: string }) {
  const translate = useTranslate();
  return (
    <StatusChip
      label={translate(`crm.enums.computeAccountStatus.${status}`)}
      tone={ACCOUNT_TONE[status] ?? 'neutral'}
    />
  );
}

const INTENT_TONE: Record<string, Tone> = { queued: 'info', sent: 'good', dead: 'bad' };

/** A call to the center: waiting, delivered or given up. */
export function IntentStatusChip({ status }: { status: string }) {
  const translate = useTranslate();
  return (
    <StatusChip
      label={translate(`crm.enums.intentStatus.${status}`)}
      tone={INTENT_TONE[status] ?? 'neutral'}
    />
  );
}

export function Figure({ label, value }: { label: string; value: string }) {
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

/** Quota, remaining, used and last synced. */
export function AccountFigures({ account }: { account: ComputeAccount }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return (
    <Stack direction="row" spacing={4} sx={{ flexWrap: 'wrap' }}>
      <Figure
        label={translate('crm.compute.quota')}
        value={formatCardHours(account.quotaCardHours, locale)}
      />
      <Figure
        label={translate('crm.compute.remaining')}
        value={formatCardHours(account.remainingCardHours, locale)}
      />
      <Figure
        label={translate('crm.compute.used')}
        value={formatCardHours(account.usedCardHours, locale)}
      />
      <Figure
        label={translate('crm.compute.lastSynced')}
        value={formatDateTime(account.lastSyncedAt, locale)}
      />
    </Stack>
  );
}

/** The account's allocations (subsidy vouchers, card-hour packages). */
export function AllocationsTable({ allocations }: { allocations: ComputeAllocation[] }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (allocations.length === 0)
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('crm.compute.noAllocations')}
      </Typography>
    );
  return (
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
        {allocations.map((allocation) => (
          <TableRow key={allocation.id}>
            <TableCell>{formatCardHours(allocation.amount, locale)}</TableCell>
            <TableCell>{formatCardHours(allocation.remaining, locale)}</TableCell>
            <TableCell>
              {formatDate(allocation.validFrom, locale)} –{' '}
              {formatDate(allocation.validUntil, locale)}
            </TableCell>
            <TableCell>{translate(`crm.enums.allocationStatus.${allocation.status}`)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The latest calls the CRM made (or owes) to the center for this account. */
export function CallsTable({ calls }: { calls: ComputeIntent[] }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (calls.length === 0)
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('crm.compute.noCalls')}
      </Typography>
    );
  return (
    <Table size="small" aria-label={translate('crm.compute.calls')}>
      <TableHead>
        <TableRow>
          <TableCell>{translate('crm.compute.callKind')}</TableCell>
          <TableCell>{translate('crm.compute.status')}</TableCell>
          <TableCell>{translate('crm.compute.attempts')}</TableCell>
          <TableCell>{translate('crm.compute.lastError')}</TableCell>
          <TableCell>{translate('crm.compute.createdAt')}</TableCell>
          <TableCell>{translate('crm.compute.sentAt')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {calls.map((call) => (
          <TableRow key={call.id}>
            <TableCell>{translate(`crm.enums.intentKind.${call.kind}`)}</TableCell>
            <TableCell>
              <IntentStatusChip status={call.status} />
            </TableCell>
            <TableCell>{call.attempts}</TableCell>
            <TableCell sx={{ maxWidth: 320, overflowWrap: 'anywhere' }}>
              {call.lastError ?? '—'}
            </TableCell>
            <TableCell>{formatDateTime(call.createdAt, locale)}</TableCell>
            <TableCell>{formatDateTime(call.sentAt, locale)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Re-reads the account from the center (managers and admins); `onDone` refreshes the screen. */
export function ResyncButton({
  account,
  onDone,
}: {
  account: ComputeAccount;
  onDone: () => Promise<unknown> | void;
}) {
  const dataProvider = useDataProvider<CrmDataProvider>();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const { canAccess } = useCanAccess({ action: 'resync', resource: 'compute-accounts' });
  if (!canAccess) return null;
  const resync = async () => {
    setBusy(true);
    try {
      await dataProvider.call('POST', `/compute-accounts/${account.id}/resync`);
      notify('crm.compute.resynced', { type: 'success' });
      await onDone();
    } catch (error) {
      notify(error instanceof Error ? error.message : 'crm.errors.INTERNAL_ERROR', {
        type: 'error',
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      label="crm.compute.resync"
      disabled={busy || !account.externalId}
      onClick={() => void resync()}
    >
      <SyncIcon />
    </Button>
  );
}

/** A link to an account, named by its company (read once per account when not given). */
export function AccountLink({
  accountId,
  companyName,
}: {
  accountId: string;
  /** When the list already names the company, nothing is fetched. */
  companyName?: string;
}) {
  const { data } = useGetOne<ComputeAccount>(
    'compute-accounts',
    { id: accountId },
    { enabled: companyName === undefined },
  );
  return (
    <Link to={`/compute-accounts/${accountId}/show`}>
      {companyName ?? data?.companyName ?? accountId.slice(0, 8)}
    </Link>
  );
}
