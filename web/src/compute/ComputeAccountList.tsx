import {
  AutocompleteInput,
  Datagrid,
  FunctionField,
  List,
  NumberField,
  ReferenceInput,
  SelectInput,
  TextField,
} from 'react-admin';
import { computeAccountDtoStatusValues } from '../api/schema';
import { enumChoices } from '../common/enums';
import { BeijingDateTimeField, CardHoursField } from '../common/fields';
import { AccountStatusChip } from './AccountParts';
import { ReconciliationPanel } from './ReconciliationPanel';
import type { ComputeAccount } from './types';

function useAccountFilters() {
  return [
    <SelectInput
      key="status"
      source="status"
      alwaysOn
      choices={enumChoices('computeAccountStatus', computeAccountDtoStatusValues)}
    />,
    <ReferenceInput key="companyId" source="companyId" reference="companies" alwaysOn>
      <AutocompleteInput
        label="resources.compute-accounts.fields.companyId"
        optionText="name"
        filterToQuery={(q: string) => ({ q })}
        sx={{ minWidth: 280 }}
      />
    </ReferenceInput>,
  ];
}

/** Every tenant's compute-center account, with its quota and usage, and the last reconciliation. */
export function ComputeAccountList() {
  return (
    <>
      <List
        filters={useAccountFilters()}
        sort={{ field: 'updatedAt', order: 'DESC' }}
        exporter={false}
        actions={false}
      >
        <Datagrid rowClick="show" bulkActionButtons={false}>
          <TextField source="companyName" sortable={false} />
          <FunctionField<ComputeAccount>
            source="status"
            sortable={false}
            render={(account) => <AccountStatusChip status={account.status} />}
          />
          <CardHoursField source="quotaCardHours" sortable={false} />
          <CardHoursField source="remainingCardHours" sortable={false} />
          <CardHoursField source="usedCardHours" sortable={false} />
          <BeijingDateTimeField source="lastSyncedAt" sortable={false} />
          <NumberField source="allocationCount" sortable={false} />
        </Datagrid>
      </List>
      <ReconciliationPanel />
    </>
  );
}
