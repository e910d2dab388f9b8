import { useState } from 'react';
import {
  Button,
  Confirm,
  Title,
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
import ReplayIcon from '@mui/icons-material/Replay';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { CrmDataProvider } from '../api/dataProvider';
import { formatDateTime } from '../common/format';
import { AccountLink, IntentStatusChip } from './AccountParts';
import type { ComputeIntent, OutboxCall } from './types';

interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

const DEAD_KEY = ['compute-dead-letters'];

/**
 * The calls retried from this screen, followed until the center answers: the dead-letter list no
 * longer holds them, so each is re-read from its account's calls.
 */
function useRetried() {
  const dataProvider = useDataProvider<CrmDataProvider>();
  const [retried, setRetried] = useState<OutboxCall[]>([]);
  const pending = retried.filter((intent) => intent.status === 'queued');
  useQuery({
    queryKey: ['compute-retried', pending.map((intent) => intent.id)],
    enabled: pending.length > 0,
    refetchInterval: 1500,
    queryFn: async () => {
      const accounts = [...new Set(pending.map((intent) => intent.accountId))];
      const pages = await Promise.all(
        accounts.map((accountId) =>
          dataProvider.call<Page<OutboxCall>>('GET', '/integrations/compute-center/outbox', {
            query: { accountId, limit: 200 },
          }),
        ),
      );
      const now = new Map(pages.flatMap((page) => page.data).map((intent) => [intent.id, intent]));
      setRetried((list) => list.map((intent) => now.get(intent.id) ?? intent));
      return now.size;
    },
  });
  const add = (intent: OutboxCall) =>
    setRetried((list) => [intent, ...list.filter((other) => other.id !== intent.id)]);
  return { retried, add };
}

function RetryButton({
  intent,
  onRetried,
}: {
  intent: OutboxCall;
  onRetried: (intent: OutboxCall) => void;
}) {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<CrmDataProvider>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const kind = translate(`crm.enums.intentKind.${intent.kind}`);
  const retry = async () => {
    setBusy(true);
    try {
      const queued = await dataProvider.call<ComputeIntent>(
        'POST',
        `/integrations/compute-center/outbox/${intent.id}/retry`,
      );
      notify('crm.deadLetters.retried', { type: 'success', messageArgs: { kind } });
      onRetried({ ...intent, ...queued });
    } catch (error) {
      notify(error instanceof Error ? error.message : 'crm.errors.INTERNAL_ERROR', {
        type: 'error',
      });
    } finally {
      setBusy(false);
      setOpen(false);
    }
  };
  return (
    <>
      <Button
        label="crm.deadLetters.retry"
        aria-label={translate('crm.deadLetters.retryOf', { kind, id: intent.id.slice(0, 8) })}
        onClick={() => setOpen(true)}
        disabled={busy}
      >
        <ReplayIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={busy}
        title={translate('crm.deadLetters.confirmTitle', { kind })}
        content="crm.deadLetters.confirmBody"
        confirm="crm.deadLetters.retry"
        onConfirm={() => void retry()}
        onClose={() => setOpen(false)}
      />
    </>
  );
}

function IntentRows({
  intents,
  onRetried,
}: {
  intents: OutboxCall[];
  onRetried?: (intent: OutboxCall) => void;
}) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return (
    <>
      {intents.map((intent) => (
        <TableRow key={intent.id} data-intent-id={intent.id}>
          <TableCell>{translate(`crm.enums.intentKind.${intent.kind}`)}</TableCell>
          <TableCell>
            <AccountLink accountId={intent.accountId} companyName={intent.companyName} />
          </TableCell>
          <TableCell sx={{ maxWidth: 360, overflowWrap: 'anywhere' }}>
            {intent.lastError ?? '—'}
          </TableCell>
          <TableCell>{intent.attempts}</TableCell>
          <TableCell>{formatDateTime(intent.updatedAt, locale)}</TableCell>
          <TableCell>
            <IntentStatusChip status={intent.status} />
          </TableCell>
          <TableCell>
            {onRetried && intent.status === 'dead' ? (
              <RetryButton intent={intent} onRetried={onRetried} />
            ) : null}
          </TableCell>
        </TableRow>
      ))}
    </>
  );
}

function DeadLetters() {
  const translate = useTranslate();
  const dataProvider = useDataProvider<CrmDataProvider>();
  const queryClient = useQueryClient();
  const { retried, add } = useRetried();
  const dead = useQuery({
    queryKey: DEAD_KEY,
    queryFn: () =>
      dataProvider.call<Page<OutboxCall>>('GET', '/integrations/compute-center/outbox', {
        query: { status: 'dead', limit: 200 },
      }),
  });
  const retriedIds = new Set(retried.map((intent) => intent.id));
  const waiting = (dead.data?.data ?? []).filter((intent) => !retriedIds.has(intent.id));
  const onRetried = (intent: OutboxCall) => {
    add(intent);
    void queryClient.invalidateQueries({ queryKey: DEAD_KEY });
  };
  if (dead.isPending) return null;
  if (dead.isError) return <Alert severity="error">{translate(dead.error.message)}</Alert>;
  if (waiting.length === 0 && retried.length === 0)
    return <Typography variant="body1">{translate('crm.deadLetters.empty')}</Typography>;
  return (
    <Table size="small" aria-label={translate('crm.deadLetters.table')}>
      <TableHead>
        <TableRow>
          <TableCell>{translate('crm.deadLetters.kind')}</TableCell>
          <TableCell>{translate('crm.deadLetters.account')}</TableCell>
          <TableCell>{translate('crm.deadLetters.lastError')}</TableCell>
          <TableCell>{translate('crm.deadLetters.attempts')}</TableCell>
          <TableCell>{translate('crm.deadLetters.when')}</TableCell>
          <TableCell>{translate('crm.deadLetters.status')}</TableCell>
          <TableCell>{translate('crm.deadLetters.actions')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        <IntentRows intents={retried} />
        <IntentRows intents={waiting} onRetried={onRetried} />
      </TableBody>
    </Table>
  );
}

/** The compute-center integration's dead letters (admins): calls that gave up, to resend. */
export function DeadLetterPage() {
  const translate = useTranslate();
  const { canAccess, isPending } = useCanAccess({ action: 'manage', resource: 'Integration' });
  return (
    <Card sx={{ mt: 2 }}>
      <Title title="crm.deadLetters.title" />
      <CardContent>
        <Stack spacing={2}>
          <Typography variant="h5" component="h1">
            {translate('crm.deadLetters.title')}
          </Typography>
          {isPending ? null : canAccess ? (
            <>
              <Typography variant="body2" color="text.secondary">
                {translate('crm.deadLetters.intro')}
              </Typography>
              <DeadLetters />
            </>
          ) : (
            <Alert severity="warning">{translate('crm.deadLetters.denied')}</Alert>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
}
