import {
  AutocompleteInput,
  ChipField,
  Datagrid,
  FunctionField,
  List,
  NumberField,
  ReferenceArrayField,
  ReferenceField,
  ReferenceInput,
  SelectField,
  SelectInput,
  Show,
  SimpleShowLayout,
  SingleFieldList,
  TextField,
} from 'react-admin';
import type { Deal, SiteVisit } from '../api/types';
import { enumChoices, PLACE_TYPES, VISIT_STATUSES } from '../common/enums';
import { BeijingDateTimeField } from '../common/fields';
import { UserInput } from '../common/users';
import { dealLabel } from './useVisitLabels';

const filters = [
  <SelectInput
    key="status"
    source="status"
    choices={enumChoices('visitStatus', VISIT_STATUSES)}
    alwaysOn
  />,
  <UserInput key="hostId" source="hostId" label="resources.site-visits.fields.hostIds" alwaysOn />,
  <ReferenceInput key="dealId" source="dealId" reference="deals">
    <AutocompleteInput
      optionText={(deal: Deal) => dealLabel(deal)}
      filterToQuery={(q: string) => ({ q })}
    />
  </ReferenceInput>,
];

// Datagrid and SimpleShowLayout take each field's label from its `source`: fields stay inline.
const dealReference = (
  <ReferenceField source="dealId" reference="deals" link="show" sortable={false}>
    <FunctionField<Deal> render={(deal) => dealLabel(deal)} />
  </ReferenceField>
);

const hostsField = (
  <ReferenceArrayField source="hostIds" reference="users" sortable={false}>
    <SingleFieldList linkType={false}>
      <ChipField source="displayName" size="small" />
    </SingleFieldList>
  </ReferenceArrayField>
);

/** Visits as a list, newest first, by status, host or deal. */
export function SiteVisitList() {
  return (
    <List filters={filters} sort={{ field: 'startsAt', order: 'DESC' }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <BeijingDateTimeField source="startsAt" />
        {dealReference}
        <SelectField
          source="placeType"
          choices={enumChoices('placeType', PLACE_TYPES)}
          sortable={false}
        />
        {hostsField}
        <SelectField
          source="status"
          choices={enumChoices('visitStatus', VISIT_STATUSES)}
          sortable={false}
        />
        <NumberField source="interest" sortable={false} />
      </Datagrid>
    </List>
  );
}

export function SiteVisitShow() {
  return (
    <Show>
      <SimpleShowLayout>
        {dealReference}
        <BeijingDateTimeField source="startsAt" />
        <BeijingDateTimeField source="endsAt" />
        <SelectField source="placeType" choices={enumChoices('placeType', PLACE_TYPES)} />
        <TextField source="placeLabel" emptyText="—" />
        {hostsField}
        <FunctionField<SiteVisit>
          source="visitors"
          render={(visit) => visit.visitors.join('、') || '—'}
        />
        <SelectField source="status" choices={enumChoices('visitStatus', VISIT_STATUSES)} />
        <NumberField source="interest" emptyText="—" />
        <TextField source="outcomeNotes" emptyText="—" />
        <TextField source="nextStep" emptyText="—" />
        <TextField source="cancelReason" emptyText="—" />
      </SimpleShowLayout>
    </Show>
  );
}
