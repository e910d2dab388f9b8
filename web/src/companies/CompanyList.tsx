import {
  BooleanInput,
  Button,
  CreateButton,
  Datagrid,
  FilterButton,
  List,
  ReferenceField,
  SearchInput,
  SelectField,
  SelectInput,
  TextField,
  TextInput,
  TopToolbar,
  useListContext,
  useNotify,
  useTranslate,
} from 'react-admin';
import DownloadIcon from '@mui/icons-material/Download';
import { useState } from 'react';
import { download } from '../api/http';
import { sortParam } from '../api/dataProvider';
import { AI_SEGMENTS, COMPANY_STATUSES, enumChoices, LISTING_STATUSES } from '../common/enums';
import { BeijingDateTimeField } from '../common/fields';
import { UserInput } from '../common/users';

function useCompanyFilters() {
  const translate = useTranslate();
  return [
    <SearchInput
      key="q"
      source="q"
      alwaysOn
      slotProps={{ htmlInput: { 'aria-label': translate('resources.companies.fields.q') } }}
    />,
    <SelectInput
      key="aiSegment"
      source="aiSegment"
      choices={enumChoices('aiSegment', AI_SEGMENTS)}
    />,
    <SelectInput
      key="status"
      source="status"
      choices={enumChoices('companyStatus', COMPANY_STATUSES)}
    />,
    <SelectInput
      key="listingStatus"
      source="listingStatus"
      choices={enumChoices('listingStatus', LISTING_STATUSES)}
    />,
    <UserInput key="ownerId" source="ownerId" label="resources.companies.fields.ownerId" />,
    <TextInput key="tag" source="tag" />,
    <BooleanInput key="unowned" source="unowned" />,
  ];
}

/** The server's CSV of every company matching the current filters, not just the page shown. */
function ExportCsvButton() {
  const { filterValues, sort } = useListContext();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const exportCsv = async () => {
    setBusy(true);
    try {
      await download('/companies/export', { query: { ...filterValues, sort: sortParam(sort) } });
    } catch (error) {
      notify(error instanceof Error ? error.message : 'crm.errors.INTERNAL_ERROR', {
        type: 'error',
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button label="crm.companies.export" onClick={() => void exportCsv()} disabled={busy}>
      <DownloadIcon />
    </Button>
  );
}

function CompanyListActions() {
  return (
    <TopToolbar>
      <FilterButton />
      <CreateButton />
      <ExportCsvButton />
    </TopToolbar>
  );
}

export function CompanyList() {
  return (
    <List
      filters={useCompanyFilters()}
      actions={<CompanyListActions />}
      sort={{ field: 'updatedAt', order: 'DESC' }}
      exporter={false}
    >
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="name" />
        <TextField source="creditCode" sortable={false} emptyText="—" />
        <SelectField
          source="aiSegment"
          choices={enumChoices('aiSegment', AI_SEGMENTS)}
          sortable={false}
        />
        <SelectField
          source="status"
          choices={enumChoices('companyStatus', COMPANY_STATUSES)}
          sortable={false}
        />
        <SelectField
          source="listingStatus"
          choices={enumChoices('listingStatus', LISTING_STATUSES)}
          sortable={false}
        />
        <ReferenceField
          source="ownerId"
          reference="users"
          link={false}
          sortable={false}
          emptyText="—"
        >
          <TextField source="displayName" />
        </ReferenceField>
        <BeijingDateTimeField source="updatedAt" />
      </Datagrid>
    </List>
  );
}
