import { useState } from 'react';
import { Alert } from '@mui/material';
import PanToolIcon from '@mui/icons-material/PanTool';
import {
  Button,
  DataTable,
  List,
  TextInput,
  Title,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { CrmDataProvider } from '../api/dataProvider';
import type { Lead } from '../api/types';
import { BeijingDateTimeField } from '../common/fields';
import { UserField } from '../common/users';
import { CompanyLinkField, EnumField, LeadStatusField } from './fields';
import { useNotifyError } from '../common/useNotifyError';
import { useAllowed } from '../auth/useAllowed';

/** Takes an unowned lead from the pool; of concurrent claims the API lets one win. */
function ClaimButton(_props: { label?: string }) {
  const lead = useRecordContext<Lead>();
  const dataProvider = useDataProvider<CrmDataProvider>();
  const notify = useNotify();
  const notifyError = useNotifyError('leads');
  const refresh = useRefresh();
  const translate = useTranslate();
  const [claiming, setClaiming] = useState(false);
  const canAccess = useAllowed('claim', 'leads', lead, !!lead);
  if (!lead || !canAccess) return null;

  const claim = async () => {
    setClaiming(true);
    try {
      await dataProvider.call<Lead>('POST', `/leads/${lead.id}/claim`);
      notify('crm.leads.pool.claimed', {
        type: 'success',
        messageArgs: { name: lead.companyName },
      });
    } catch (error) {
      notifyError(error);
    } finally {
      setClaiming(false);
      refresh();
    }
  };
  return (
    <Button
      label="crm.leads.pool.claim"
      aria-label={translate('crm.leads.pool.claimFirm', { name: lead.companyName })}
      variant="outlined"
      disabled={claiming}
      onClick={(event) => {
        event.stopPropagation();
        void claim();
      }}
    >
      <PanToolIcon />
    </Button>
  );
}

const poolFilters = [<TextInput key="q" source="q" label="crm.leads.list.search" alwaysOn />];

/** 公海: active leads nobody owns (returned after the protection period, or never claimed). */
export function PoolPage() {
  const translate = useTranslate();
  return (
    <>
      <Title title="crm.leads.pool.title" />
      <Alert severity="info" sx={{ mt: 2 }}>
        {translate('crm.leads.pool.explain')}
      </Alert>
      <List
        resource="leads"
        filter={{ pool: true }}
        filters={poolFilters}
        storeKey="leads.pool"
        disableSyncWithLocation
        title={false}
        actions={false}
        sort={{ field: 'updatedAt', order: 'DESC' }}
        empty={false}
      >
        <DataTable rowClick="show" bulkActionButtons={false}>
          <DataTable.Col source="companyName" disableSort field={CompanyLinkField} />
          <DataTable.Col source="source" disableSort>
            <EnumField group="leadSource" source="source" />
          </DataTable.Col>
          <DataTable.Col source="status" disableSort field={LeadStatusField} />
          <DataTable.Col source="previousOwnerId" disableSort>
            <UserField source="previousOwnerId" />
          </DataTable.Col>
          <DataTable.Col source="pooledAt" disableSort field={BeijingDateTimeField} />
          <DataTable.Col source="lastActivityAt" field={BeijingDateTimeField} />
          <DataTable.Col label="crm.leads.pool.actions" disableSort field={ClaimButton} />
        </DataTable>
      </List>
    </>
  );
}
