import {
  AutocompleteInput,
  CreateButton,
  DateInput,
  List,
  ReferenceInput,
  SelectInput,
  TopToolbar,
  useCanAccess,
} from 'react-admin';
import { enumChoices } from '../common/enums';
import { ApplicationTable } from './fields';
import { useProgramChoices } from './programs';
import { APPLICATION_STATUSES } from './types';

function useApplicationFilters() {
  const programChoices = useProgramChoices();
  return [
    <SelectInput
      key="status"
      source="status"
      choices={enumChoices('applicationStatus', APPLICATION_STATUSES)}
      alwaysOn
    />,
    <SelectInput key="programId" source="programId" choices={programChoices} alwaysOn />,
    <ReferenceInput key="companyId" source="companyId" reference="companies" alwaysOn>
      <AutocompleteInput
        label="resources.applications.fields.companyId"
        optionText="name"
        filterToQuery={(q: string) => ({ q })}
        sx={{ minWidth: 260 }}
      />
    </ReferenceInput>,
    <DateInput key="submittedFrom" source="submittedFrom" alwaysOn />,
    <DateInput key="submittedTo" source="submittedTo" alwaysOn />,
  ];
}

function ListActions() {
  const { canAccess } = useCanAccess({ action: 'create', resource: 'applications' });
  return <TopToolbar>{canAccess ? <CreateButton /> : null}</TopToolbar>;
}

/** Applications to the park's programs, by status, program, company and when submitted. */
export function ApplicationList() {
  return (
    <List
      filters={useApplicationFilters()}
      actions={<ListActions />}
      sort={{ field: 'updatedAt', order: 'DESC' }}
    >
      <ApplicationTable />
    </List>
  );
}
