import {
  Create,
  CreateButton,
  DataTable,
  FilterButton,
  List,
  NumberInput,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  Show,
  SimpleForm,
  TextField,
  TextInput,
  TopToolbar,
  EditButton,
  required,
  useLocaleState,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { CardContent, Typography } from '@mui/material';
import { unitDtoTypeValues } from '../api/schema';
import { CrmEdit } from '../common/CrmEdit';
import { formatArea, formatMoney } from '../common/format';
import { UNIT_STATUSES } from './status';
import { StatusChip } from './StatusChip';
import type { Unit } from './types';
import { UnitDetails } from './UnitDetails';

const statusChoices = UNIT_STATUSES.map((id) => ({ id, name: `crm.spaces.unitStatus.${id}` }));
const typeChoices = unitDtoTypeValues.map((id) => ({ id, name: `crm.spaces.unitType.${id}` }));

const decimal = (value: unknown) =>
  value === undefined ||
  value === null ||
  value === '' ||
  ((typeof value === 'string' || typeof value === 'number') &&
    /^\d{1,12}(\.\d{1,2})?$/.test(`${value}`))
    ? undefined
    : 'crm.spaces.validation.decimal';

const unitFilters = [
  <ReferenceInput key="buildingId" source="buildingId" reference="buildings" alwaysOn>
    <SelectInput optionText="name" label="resources.units.fields.buildingId" />
  </ReferenceInput>,
  <SelectInput key="status" source="status" choices={statusChoices} alwaysOn />,
  <NumberInput key="floor" source="floor" step={1} />,
  <SelectInput key="type" source="type" choices={typeChoices} />,
  <NumberInput key="minArea" source="minArea" min={0} />,
  <NumberInput key="maxArea" source="maxArea" min={0} />,
];

function Area() {
  const unit = useRecordContext<Unit>();
  const [locale] = useLocaleState();
  return <span>{formatArea(unit?.area, locale)}</span>;
}
function Rent() {
  const unit = useRecordContext<Unit>();
  const [locale] = useLocaleState();
  return <span>{formatMoney(unit?.listRent, locale)}</span>;
}
function UnitType() {
  const unit = useRecordContext<Unit>();
  const translate = useTranslate();
  return <span>{unit ? translate(`crm.spaces.unitType.${unit.type}`) : ''}</span>;
}
function Status() {
  const unit = useRecordContext<Unit>();
  return unit ? <StatusChip status={unit.status} /> : null;
}

function UnitListActions() {
  return (
    <TopToolbar>
      <FilterButton />
      <CreateButton />
    </TopToolbar>
  );
}

/** Every unit, by building, floor, status, type and area. */
export function UnitList() {
  return (
    <List
      filters={unitFilters}
      actions={<UnitListActions />}
      sort={{ field: 'code', order: 'ASC' }}
      exporter={false}
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="code" />
        <DataTable.Col source="buildingId" disableSort>
          <ReferenceField source="buildingId" reference="buildings" link="show">
            <TextField source="name" />
          </ReferenceField>
        </DataTable.Col>
        <DataTable.Col source="floor" />
        <DataTable.Col source="area">
          <Area />
        </DataTable.Col>
        <DataTable.Col source="type" disableSort>
          <UnitType />
        </DataTable.Col>
        <DataTable.Col source="listRent" disableSort>
          <Rent />
        </DataTable.Col>
        <DataTable.Col source="status" disableSort>
          <Status />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}

function UnitShowLayout() {
  const unit = useRecordContext<Unit>();
  const translate = useTranslate();
  if (!unit) return null;
  return (
    <CardContent>
      <Typography variant="h5" component="h1" gutterBottom>
        {translate('crm.spaces.unit.title', { code: unit.code })}
      </Typography>
      <UnitDetails unit={unit} />
    </CardContent>
  );
}

export function UnitShow() {
  return (
    <Show
      actions={
        <TopToolbar>
          <EditButton />
        </TopToolbar>
      }
    >
      <UnitShowLayout />
    </Show>
  );
}

function UnitFields({ edit = false }: { edit?: boolean }) {
  const unit = useRecordContext<Unit>();
  return (
    <>
      <ReferenceInput source="buildingId" reference="buildings">
        <SelectInput optionText="name" validate={required()} />
      </ReferenceInput>
      <TextInput source="code" validate={required()} />
      <NumberInput source="floor" step={1} min={-5} max={200} validate={required()} />
      <TextInput source="area" validate={[required(), decimal]} />
      <SelectInput source="type" choices={typeChoices} validate={required()} />
      <TextInput source="listRent" validate={[required(), decimal]} />
      {edit && unit && (unit.status === 'available' || unit.status === 'unavailable') ? (
        <SelectInput
          source="status"
          choices={statusChoices.filter((c) => c.id === 'available' || c.id === 'unavailable')}
        />
      ) : null}
    </>
  );
}

export function UnitCreate() {
  return (
    <Create redirect="show">
      <SimpleForm>
        <UnitFields />
      </SimpleForm>
    </Create>
  );
}

export function UnitEdit() {
  return (
    <CrmEdit recordLabel={(unit) => String(unit.code)}>
      <SimpleForm>
        <UnitFields edit />
      </SimpleForm>
    </CrmEdit>
  );
}
