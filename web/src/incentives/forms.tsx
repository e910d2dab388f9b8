import {
  AutocompleteInput,
  Create,
  FormDataConsumer,
  maxLength,
  ReferenceInput,
  regex,
  required,
  SelectInput,
  SimpleForm,
  TextInput,
  useGetIdentity,
  useNotify,
  useTranslate,
} from 'react-admin';
import { Typography } from '@mui/material';
import { CrmEdit } from '../common/CrmEdit';
import { enumChoices } from '../common/enums';
import { useRefusalText } from './errors';
import { useProgramChoices, useProgramName, useRefreshBudgets } from './programs';
import { PROGRAM_KINDS, type Application, type Program } from './types';

/** A decimal amount in yuan, as the API takes money. */
const yuan = regex(/^\d{1,16}(\.\d{1,2})?$/, 'crm.incentives.validation.yuan');
const rate = regex(/^\d{1,6}(\.\d{1,4})?$/, 'crm.incentives.validation.rate');

/** Notifies a refusal the form cannot show at a field (over budget, not your firm). */
function useOnError() {
  const notify = useNotify();
  const refusal = useRefusalText();
  return (error: unknown) => notify(refusal(error), { type: 'error' });
}

function ProgramInputs() {
  return (
    <>
      <TextInput source="name" validate={[required(), maxLength(100)]} fullWidth />
      <TextInput source="nameEn" validate={maxLength(100)} fullWidth />
      <SelectInput
        source="kind"
        choices={enumChoices('programKind', PROGRAM_KINDS)}
        validate={required()}
      />
      <TextInput
        source="budget"
        validate={[required(), yuan]}
        helperText="crm.incentives.program.budgetHelp"
      />
      <FormDataConsumer<Program>>
        {({ formData }) =>
          formData.kind === 'compute_subsidy' ? (
            <TextInput
              source="cardHoursPerYuan"
              validate={rate}
              helperText="crm.incentives.program.rateHelp"
            />
          ) : null
        }
      </FormDataConsumer>
    </>
  );
}

/** A new program with its budget from the park fund (admins). */
export function ProgramCreate() {
  const onError = useOnError();
  const refreshBudgets = useRefreshBudgets();
  return (
    <Create redirect="show" mutationOptions={{ onError, onSettled: () => void refreshBudgets() }}>
      <SimpleForm>
        <ProgramInputs />
      </SimpleForm>
    </Create>
  );
}

/** The program's terms and budget, saved with If-Match (admins). */
export function ProgramEdit() {
  const name = useProgramName();
  const refreshBudgets = useRefreshBudgets();
  return (
    <CrmEdit
      recordLabel={(program) => name(program as Program)}
      mutationOptions={{ onSettled: () => void refreshBudgets() }}
    >
      <SimpleForm>
        <ProgramInputs />
      </SimpleForm>
    </CrmEdit>
  );
}

function ApplicationAmountInputs() {
  return (
    <>
      <TextInput
        source="requestedAmount"
        validate={[required(), yuan]}
        helperText="crm.incentives.application.amountHelp"
      />
      <TextInput source="purpose" multiline minRows={3} validate={maxLength(5000)} fullWidth />
    </>
  );
}

/**
 * A draft application for a firm: promoters pick among the firms they own (the API refuses
 * others); admins among all. The company tab passes the firm in the location state.
 */
export function ApplicationCreate() {
  const onError = useOnError();
  const programChoices = useProgramChoices();
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  const ownOnly = identity?.role === 'promoter';
  return (
    <Create redirect="show" mutationOptions={{ onError }}>
      <SimpleForm>
        <Typography variant="body2" color="text.secondary">
          {translate('crm.incentives.application.draftHelp')}
        </Typography>
        <SelectInput source="programId" choices={programChoices} validate={required()} />
        <ReferenceInput
          source="companyId"
          reference="companies"
          filter={ownOnly && identity ? { ownerId: identity.id } : {}}
        >
          <AutocompleteInput
            label="resources.applications.fields.companyId"
            optionText="name"
            filterToQuery={(q: string) => ({ q })}
            validate={required()}
            sx={{ minWidth: 320 }}
          />
        </ReferenceInput>
        <ApplicationAmountInputs />
      </SimpleForm>
    </Create>
  );
}

/** A draft's amount and purpose, saved with If-Match; submitted ones are final. */
export function ApplicationEdit() {
  return (
    <CrmEdit recordLabel={(application) => String((application as Application).requestedAmount)}>
      <SimpleForm>
        <ApplicationAmountInputs />
      </SimpleForm>
    </CrmEdit>
  );
}
