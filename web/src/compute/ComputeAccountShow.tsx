import type { ReactNode } from 'react';
import { Link, Show, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { CardContent, Stack, Typography } from '@mui/material';
import {
  AccountFigures,
  AccountStatusChip,
  AllocationsTable,
  CallsTable,
  ResyncButton,
} from './AccountParts';
import type { ComputeAccountDetail } from './types';
import { UsageChart } from './UsageChart';

function Section({ title, children }: { title: string; children: ReactNode }) {
  const translate = useTranslate();
  return (
    <Stack component="section" spacing={1} sx={{ mt: 3 }}>
      <Typography variant="h6" component="h2">
        {translate(title)}
      </Typography>
      {children}
    </Stack>
  );
}

function AccountTitle() {
  const account = useRecordContext<ComputeAccountDetail>();
  const translate = useTranslate();
  return (
    <span>
      {translate('resources.compute-accounts.name', { smart_count: 1 })}
      {account ? ` · ${account.companyName}` : ''}
    </span>
  );
}

function AccountDetails() {
  const account = useRecordContext<ComputeAccountDetail>();
  const translate = useTranslate();
  const refresh = useRefresh();
  if (!account) return null;
  return (
    <CardContent>
      <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
        {account.companyName}
      </Typography>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', mb: 2 }}>
        <AccountStatusChip status={account.status} />
        <Typography variant="body2" color="text.secondary">
          {translate('crm.compute.externalId', { id: account.externalId ?? '—' })}
        </Typography>
        {account.statusReason ? (
          <Typography variant="body2">
            {translate(`crm.compute.reasons.${account.statusReason}`, {
              _: account.statusReason,
            })}
          </Typography>
        ) : null}
        <Link to={`/companies/${account.companyId}/show/compute`} variant="body2">
          {translate('crm.compute.openCompany')}
        </Link>
        <ResyncButton account={account} onDone={refresh} />
      </Stack>
      <AccountFigures account={account} />
      <Section title="crm.compute.usage.title">
        <UsageChart accountId={account.id} />
      </Section>
      <Section title="crm.compute.allocations">
        {/* The list's record shows first, without its allocations and calls. */}
        <AllocationsTable allocations={account.allocations ?? []} />
      </Section>
      <Section title="crm.compute.calls">
        <CallsTable calls={account.calls ?? []} />
      </Section>
    </CardContent>
  );
}

/** One account: status, figures, usage over time, allocations and the latest calls. */
export function ComputeAccountShow() {
  return (
    <Show title={<AccountTitle />} actions={false}>
      <AccountDetails />
    </Show>
  );
}
