import { useState } from 'react';
import DownloadIcon from '@mui/icons-material/Download';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Button,
  CreateButton,
  DataTable,
  FilterButton,
  List,
  NullableBooleanInput,
  SelectInput,
  TextInput,
  TopToolbar,
  useCanAccess,
  useListContext,
} from 'react-admin';
import { Link } from 'react-router-dom';
import { download } from '../api/http';
import { sortParam } from '../api/dataProvider';
import { BeijingDateTimeField } from '../common/fields';
import { enumChoices, LEAD_SOURCES, LEAD_STATUSES } from '../common/enums';
import { UserField, UserInput } from '../common/users';
import {
  CompanyLinkField,
  EnumField,
  LeadStatusField,
  OnHoldMarker,
  ProtectionField,
} from './fields';
import { useNotifyError } from '../common/useNotifyError';

const leadFilters = [
  <TextInput key="q" source="q" label="crm.leads.list.search" alwaysOn />,
  <SelectInput key="status" source="status" choices={enumChoices('leadStatus', LEAD_STATUSES)} />,
  <SelectInput key="source" source="source" choices={enumChoices('leadSource', LEAD_SOURCES)} />,
  <UserInput key="ownerId" source="ownerId" label="resources.leads.fields.ownerId" />,
  <NullableBooleanInput key="onHold" source="onHold" />,
];

/** Downloads the leads matching the list's current filters and sort as CSV. */
function ExportCsvButton() {
  const { filterValues, sort } = useListContext();
  const notifyError = useNotifyError('leads');
  const [busy, setBusy] = useState(false);
  const exportCsv = async () => {
    setBusy(true);
    try {
      await download('/leads/export', { query: { ...filterValues, sort: sortParam(sort) } });
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button label="crm.common.exportCsv" onClick={() => void exportCsv()} disabled={busy}>
      <DownloadIcon />
    </Button>
  );
}

function ImportLink() {
  const { canAccess } = useCanAccess({ action: 'import', resource: 'leads' });
  if (!canAccess) return null;
  return (
    <Button component={Link} to="/leads/import" label="crm.leads.import.title">
      <UploadFileIcon />
    </Button>
  );
}

function LeadListActions() {
  return (
    <TopToolbar>
      <FilterButton />
      <CreateButton />
      <ImportLink />
      <ExportCsvButton />
    </TopToolbar>
  );
}

export function LeadList() {
  return (
    <List
      filters={leadFilters}
      actions={<LeadListActions />}
      sort={{ field: 'updatedAt', order: 'DESC' }}
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="companyName" disableSort field={CompanyLinkField} />
        <DataTable.Col source="source" disableSort>
          <EnumField group="leadSource" source="source" />
        </DataTable.Col>
        <DataTable.Col source="status" disableSort field={LeadStatusField} />
        <DataTable.Col source="ownerId" disableSort>
          <UserField source="ownerId" />
        </DataTable.Col>
        <DataTable.Col source="lastActivityAt" field={BeijingDateTimeField} />
        <DataTable.Col source="protectedUntil" disableSort field={ProtectionField} />
        <DataTable.Col source="onHold" disableSort field={OnHoldMarker} />
      </DataTable>
    </List>
  );
}
