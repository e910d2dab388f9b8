import {
  Create,
  DateInput,
  DeleteButton,
  maxLength,
  regex,
  required,
  SaveButton,
  SelectInput,
  SimpleForm,
  TextInput,
  Toolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { CrmEdit } from '../common/CrmEdit';
import { TARGET_COMPARISONS, TARGET_METRICS } from './definitions';

const DECIMAL = /^\d{1,16}(\.\d{1,2})?$/;

/** The end is the day after the last (exclusive), so it must come after the start. */
function afterStart(end: unknown, values: Record<string, unknown>) {
  const start = values.periodStart as string | undefined;
  if (typeof end === 'string' && start && end <= start)
    return 'crm.reports.targets.validation.endAfterStart';
  return undefined;
}

function TargetFields() {
  return (
    <>
      <TextInput source="name" validate={[required(), maxLength(100)]} fullWidth />
      <TextInput source="nameEn" validate={maxLength(100)} fullWidth />
      <SelectInput
        source="metric"
        validate={required()}
        choices={TARGET_METRICS.map((id) => ({ id, name: `crm.reports.metrics.${id}` }))}
      />
      <SelectInput
        source="comparison"
        validate={required()}
        choices={TARGET_COMPARISONS.map((id) => ({ id, name: `crm.reports.comparisons.${id}` }))}
      />
      <TextInput
        source="value"
        validate={[required(), regex(DECIMAL, 'crm.reports.targets.validation.value')]}
        helperText="crm.reports.targets.valueHelp"
      />
      <DateInput source="periodStart" validate={required()} />
      <DateInput
        source="periodEnd"
        validate={[required(), afterStart]}
        helperText="crm.reports.targets.periodEndHelp"
      />
    </>
  );
}

function TargetTitle() {
  const translate = useTranslate();
  const record = useRecordContext<{ name: string }>();
  return (
    <span>
      {translate('resources.targets.name', { smart_count: 1 })}
      {record ? ` ${record.name}` : ''}
    </span>
  );
}

function EditToolbar() {
  return (
    <Toolbar sx={{ justifyContent: 'space-between' }}>
      <SaveButton />
      <DeleteButton mutationMode="pessimistic" redirect="list" />
    </Toolbar>
  );
}

/** Drops empty optional fields: the API takes absence for "none". */
const withoutEmpty = (data: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(data).filter(([, value]) => value !== '' && value !== null));

export function TargetCreate() {
  return (
    <Create redirect="list" transform={withoutEmpty}>
      <SimpleForm defaultValues={{ comparison: 'at_least' }}>
        <TargetFields />
      </SimpleForm>
    </Create>
  );
}

export function TargetEdit() {
  return (
    <CrmEdit title={<TargetTitle />} redirect="list">
      <SimpleForm toolbar={<EditToolbar />}>
        <TargetFields />
      </SimpleForm>
    </CrmEdit>
  );
}
