import {
  Button,
  Create,
  DataTable,
  EditButton,
  List,
  NumberInput,
  Show,
  SimpleForm,
  TextInput,
  TopToolbar,
  CreateButton,
  required,
  useLocaleState,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { Box, CardContent, LinearProgress, Stack, Typography } from '@mui/material';
import BookmarkIcon from '@mui/icons-material/Bookmark';
import HistoryEduIcon from '@mui/icons-material/HistoryEdu';
import MeetingRoomIcon from '@mui/icons-material/MeetingRoom';
import { Link as RouterLink } from 'react-router-dom';
import { CrmEdit } from '../common/CrmEdit';
import { formatArea } from '../common/format';
import { useOccupancy } from './hooks';
import { OccupancyGrid } from './OccupancyGrid';
import type { Building } from './types';

function percent(rate: number | undefined, locale: string): string {
  if (rate === undefined) return '—';
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
    style: 'percent',
    maximumFractionDigits: 1,
  }).format(rate);
}

function OccupancyCells({ figure }: { figure: 'units' | 'leased' | 'rate' }) {
  const building = useRecordContext<Building>();
  const [locale] = useLocaleState();
  const translate = useTranslate();
  const { data } = useOccupancy(building?.id);
  if (!data) return <span>…</span>;
  if (figure === 'units') return <span>{data.units}</span>;
  if (figure === 'leased')
    return (
      <span>
        {formatArea(data.byStatus.leased?.area ?? 0, locale)} / {formatArea(data.area, locale)}
      </span>
    );
  const rate = percent(data.occupancyRate, locale);
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', minWidth: 140 }}>
      <LinearProgress
        variant="determinate"
        value={data.occupancyRate * 100}
        role="meter"
        aria-label={translate('crm.spaces.buildings.occupancyLabel', { rate })}
        sx={{ flexGrow: 1, height: 8, borderRadius: 1 }}
      />
      <span>{rate}</span>
    </Stack>
  );
}

/** The menu shows buildings only: units, holds and leases are reached from here. */
function BuildingListActions() {
  return (
    <TopToolbar>
      <Button label="crm.spaces.nav.units" component={RouterLink} to="/units">
        <MeetingRoomIcon />
      </Button>
      <Button label="crm.spaces.nav.holds" component={RouterLink} to="/reservations">
        <BookmarkIcon />
      </Button>
      <Button label="crm.spaces.nav.leases" component={RouterLink} to="/leases">
        <HistoryEduIcon />
      </Button>
      <CreateButton />
    </TopToolbar>
  );
}

/** The park's buildings with their units and leased share. */
export function BuildingList() {
  return (
    <List
      sort={{ field: 'name', order: 'ASC' }}
      actions={<BuildingListActions />}
      exporter={false}
      perPage={50}
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="name" />
        <DataTable.Col source="address" disableSort />
        <DataTable.Col source="floors" disableSort />
        <DataTable.Col source="units" disableSort>
          <OccupancyCells figure="units" />
        </DataTable.Col>
        <DataTable.Col source="leasedArea" disableSort>
          <OccupancyCells figure="leased" />
        </DataTable.Col>
        <DataTable.Col source="occupancyRate" disableSort>
          <OccupancyCells figure="rate" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Box>
      <Typography variant="caption" color="text.secondary" component="p">
        {label}
      </Typography>
      <Typography variant="h6" component="p">
        {value}
      </Typography>
    </Box>
  );
}

function BuildingShowLayout() {
  const building = useRecordContext<Building>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { data: occupancy } = useOccupancy(building?.id);
  if (!building) return null;
  const name = locale === 'en' && building.nameEn ? building.nameEn : building.name;
  return (
    <CardContent>
      <Typography variant="h5" component="h1">
        {name}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {[
          building.address,
          building.floors
            ? translate('resources.buildings.fields.floors') + ' ' + building.floors
            : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </Typography>
      <Stack
        direction="row"
        spacing={4}
        sx={{ mb: 3, flexWrap: 'wrap' }}
        aria-label={translate('crm.spaces.buildings.summary')}
        role="group"
      >
        <Figure
          label={translate('resources.buildings.fields.units')}
          value={occupancy ? String(occupancy.units) : '…'}
        />
        <Figure
          label={translate('resources.buildings.fields.area')}
          value={formatArea(occupancy?.area, locale)}
        />
        <Figure
          label={translate('resources.buildings.fields.leasedArea')}
          value={formatArea(occupancy?.byStatus.leased?.area ?? (occupancy ? 0 : null), locale)}
        />
        <Figure
          label={translate('resources.buildings.fields.occupancyRate')}
          value={percent(occupancy?.occupancyRate, locale)}
        />
      </Stack>
      <OccupancyGrid buildingId={String(building.id)} />
    </CardContent>
  );
}

function BuildingShowActions() {
  return (
    <TopToolbar>
      <EditButton />
    </TopToolbar>
  );
}

/** A building: its figures and the occupancy grid. */
export function BuildingShow() {
  return (
    <Show actions={<BuildingShowActions />}>
      <BuildingShowLayout />
    </Show>
  );
}

function BuildingFields() {
  return (
    <>
      <TextInput source="name" validate={required()} />
      <TextInput source="nameEn" />
      <TextInput source="address" fullWidth />
      <NumberInput source="floors" min={1} max={200} step={1} />
    </>
  );
}

export function BuildingCreate() {
  return (
    <Create redirect="show">
      <SimpleForm>
        <BuildingFields />
      </SimpleForm>
    </Create>
  );
}

export function BuildingEdit() {
  return (
    <CrmEdit>
      <SimpleForm>
        <BuildingFields />
      </SimpleForm>
    </CrmEdit>
  );
}
