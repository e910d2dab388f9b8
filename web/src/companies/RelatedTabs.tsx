import {
  Datagrid,
  Pagination,
  ReferenceField,
  ReferenceManyField,
  SelectField,
  TextField,
  useTranslate,
} from 'react-admin';
import { Typography } from '@mui/material';
import { enumChoices, LEAD_SOURCES, LEAD_STATUSES } from '../common/enums';
import { BeijingDateTimeField, MoneyField } from '../common/fields';

function Empty({ message }: { message: string }) {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary" sx={{ py: 2 }}>
      {translate(message)}
    </Typography>
  );
}

function OwnerField({ label }: { label: string }) {
  return (
    <ReferenceField
      source="ownerId"
      reference="users"
      link={false}
      label={label}
      sortable={false}
      emptyText="—"
    >
      <TextField source="displayName" />
    </ReferenceField>
  );
}

/** The company's leads, newest first. */
export function CompanyLeadsTab() {
  return (
    <ReferenceManyField
      reference="leads"
      target="companyId"
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
      pagination={<Pagination rowsPerPageOptions={[25]} />}
      empty={<Empty message="crm.companies.leads.empty" />}
    >
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <SelectField
          source="source"
          label="crm.companies.leads.source"
          choices={enumChoices('leadSource', LEAD_SOURCES)}
          sortable={false}
        />
        <SelectField
          source="status"
          label="crm.companies.leads.status"
          choices={enumChoices('leadStatus', LEAD_STATUSES)}
          sortable={false}
        />
        <OwnerField label="crm.companies.leads.owner" />
        <BeijingDateTimeField
          source="createdAt"
          label="crm.companies.leads.createdAt"
          sortable={false}
        />
      </Datagrid>
    </ReferenceManyField>
  );
}

/** The company's deals with their stage and expected investment. */
export function CompanyDealsTab() {
  return (
    <ReferenceManyField
      reference="deals"
      target="companyId"
      perPage={25}
      pagination={<Pagination rowsPerPageOptions={[25]} />}
      empty={<Empty message="crm.companies.deals.empty" />}
    >
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="title" label="crm.companies.deals.title" sortable={false} />
        <ReferenceField
          source="stageId"
          reference="stages"
          link={false}
          label="crm.companies.deals.stage"
          sortable={false}
        >
          <TextField source="name" />
        </ReferenceField>
        <MoneyField
          source="expectedInvestment"
          label="crm.companies.deals.expectedInvestment"
          sortable={false}
        />
        <OwnerField label="crm.companies.deals.owner" />
        <BeijingDateTimeField
          source="updatedAt"
          label="crm.companies.deals.updatedAt"
          sortable={false}
        />
      </Datagrid>
    </ReferenceManyField>
  );
}
