import {
  AutocompleteInput,
  Create,
  ReferenceInput,
  required,
  SimpleForm,
  TextInput,
} from 'react-admin';
import { CrmEdit } from '../common/CrmEdit';
import { DealTermsInputs } from './DealTermsInputs';

/** Edits the title and expected figures (UpdateDealDto); stage moves go through "Move to stage". */
export function DealEdit() {
  return (
    <CrmEdit recordLabel={(deal) => String(deal.title)}>
      <SimpleForm>
        <TextInput source="title" validate={required()} fullWidth />
        <DealTermsInputs />
      </SimpleForm>
    </CrmEdit>
  );
}

/** Opens a deal on a company (CreateDealDto); it starts in the pipeline's first stage. */
export function DealCreate() {
  return (
    <Create redirect="show">
      <SimpleForm>
        <ReferenceInput source="companyId" reference="companies">
          <AutocompleteInput
            label="resources.deals.fields.companyId"
            optionText="name"
            filterToQuery={(q: string) => ({ q })}
            validate={required()}
          />
        </ReferenceInput>
        <TextInput source="title" helperText="crm.deals.form.titleHint" fullWidth />
        <DealTermsInputs />
      </SimpleForm>
    </Create>
  );
}
