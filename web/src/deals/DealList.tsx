import {
  AutocompleteInput,
  CreateButton,
  DataTable,
  FunctionField,
  List,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TopToolbar,
  useTranslate,
} from 'react-admin';
import type { Deal } from '../api/types';
import { AreaField, BeijingDateField, CardHoursField, MoneyField } from '../common/fields';
import { UserField, UserInput } from '../common/users';
import { daysSince, useDefaultPipelineId, useStageName, useStages } from './pipeline';

function useStageChoices() {
  const stageName = useStageName();
  const { data: stages = [] } = useStages(useDefaultPipelineId());
  return stages.map((stage) => ({ id: stage.id, name: stageName(stage) }));
}

function StageNameField() {
  const choices = useStageChoices();
  return (
    <FunctionField<Deal>
      render={(deal) => choices.find((choice) => choice.id === deal.stageId)?.name ?? '—'}
    />
  );
}

function DaysInStageField() {
  const translate = useTranslate();
  return (
    <FunctionField<Deal>
      render={(deal) =>
        translate('crm.deals.days', { smart_count: daysSince(deal.stageEnteredAt) })
      }
    />
  );
}

function useDealFilters() {
  const stageChoices = useStageChoices();
  return [
    <SearchInput key="q" source="q" alwaysOn />,
    <SelectInput key="stageId" source="stageId" choices={stageChoices} alwaysOn />,
    <UserInput key="ownerId" source="ownerId" label="resources.deals.fields.ownerId" />,
    <ReferenceInput key="companyId" source="companyId" reference="companies">
      <AutocompleteInput
        label="resources.deals.fields.companyId"
        optionText="name"
        filterToQuery={(q: string) => ({ q })}
      />
    </ReferenceInput>,
  ];
}

function ListActions() {
  return (
    <TopToolbar>
      <CreateButton />
    </TopToolbar>
  );
}

/** Every deal, searchable and filtered by stage, owner and company. */
export function DealList() {
  return (
    <List
      filters={useDealFilters()}
      actions={<ListActions />}
      sort={{ field: 'updatedAt', order: 'DESC' }}
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="title" disableSort />
        <DataTable.Col source="companyName" disableSort />
        <DataTable.Col source="stageId" disableSort>
          <StageNameField />
        </DataTable.Col>
        <DataTable.Col source="ownerId" disableSort>
          <UserField source="ownerId" />
        </DataTable.Col>
        <DataTable.Col source="expectedInvestment" disableSort align="right">
          <MoneyField source="expectedInvestment" />
        </DataTable.Col>
        <DataTable.Col source="expectedArea" disableSort align="right">
          <AreaField source="expectedArea" />
        </DataTable.Col>
        <DataTable.Col source="expectedComputeCardHours" disableSort align="right">
          <CardHoursField source="expectedComputeCardHours" />
        </DataTable.Col>
        <DataTable.Col source="targetMoveInDate" disableSort>
          <BeijingDateField source="targetMoveInDate" />
        </DataTable.Col>
        <DataTable.Col source="stageEnteredAt" label="resources.deals.fields.daysInStage">
          <DaysInStageField />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
