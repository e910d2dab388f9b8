import { useState } from 'react';
import {
  AutocompleteInput,
  Button,
  DataTable,
  FilterButton,
  List,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  TextField,
  TopToolbar,
  useCanAccess,
  useGetOne,
  useLocaleState,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { Link, Stack } from '@mui/material';
import HistoryEduIcon from '@mui/icons-material/HistoryEdu';
import { Link as RouterLink } from 'react-router-dom';
import type { Deal } from '../api/types';
import { formatDate, formatDateTime, formatMoney } from '../common/format';
import { LeaseDialog, ReleaseHoldButton } from './dialogs';
import type { Hold, LeaseItem, Unit } from './types';
import { ExpiryText } from './UnitDetails';
import { useAllowed } from '../auth/useAllowed';

const holdStatusChoices = ['active', 'released', 'expired', 'converted'].map((id) => ({
  id,
  name: `crm.spaces.holdStatus.${id}`,
}));
const leaseStatusChoices = ['active', 'terminated'].map((id) => ({
  id,
  name: `crm.spaces.leaseStatus.${id}`,
}));

const buildingFilter = (
  <ReferenceInput key="buildingId" source="buildingId" reference="buildings" alwaysOn>
    <SelectInput optionText="name" label="crm.spaces.filters.buildingId" />
  </ReferenceInput>
);
const dealFilter = (
  <ReferenceInput key="dealId" source="dealId" reference="deals">
    <AutocompleteInput
      label="crm.spaces.filters.dealId"
      optionText={(deal: Deal) => `${deal.companyName} · ${deal.title}`}
      filterToQuery={(q: string) => ({ q })}
    />
  </ReferenceInput>
);

function UnitLink() {
  const row = useRecordContext<Hold | LeaseItem>();
  if (!row) return null;
  return (
    <Link
      component={RouterLink}
      to={`/units/${row.unitId}/show`}
      onClick={(e) => e.stopPropagation()}
    >
      {row.unitCode}
    </Link>
  );
}
function CompanyLink() {
  const row = useRecordContext<Hold | LeaseItem>();
  if (!row) return null;
  return (
    <Link component={RouterLink} to={`/companies/${row.companyId}/show`}>
      {row.companyName}
    </Link>
  );
}
function DealLink() {
  const row = useRecordContext<Hold | LeaseItem>();
  if (!row?.dealId) return <span>—</span>;
  return (
    <Link component={RouterLink} to={`/deals/${row.dealId}/show`}>
      {row.dealTitle}
    </Link>
  );
}
function BuildingName() {
  return (
    <ReferenceField source="buildingId" reference="buildings" link="show">
      <TextField source="name" />
    </ReferenceField>
  );
}

function Expiry() {
  const hold = useRecordContext<Hold>();
  const [locale] = useLocaleState();
  if (!hold) return null;
  return hold.status === 'active' ? (
    <ExpiryText expiresAt={hold.expiresAt} />
  ) : (
    <span>{formatDateTime(hold.expiresAt, locale)}</span>
  );
}
function HoldStarts() {
  const hold = useRecordContext<Hold>();
  const [locale] = useLocaleState();
  return <span>{formatDateTime(hold?.startsAt, locale)}</span>;
}
function HoldStatus() {
  const hold = useRecordContext<Hold>();
  const translate = useTranslate();
  return <span>{hold ? translate(`crm.spaces.holdStatus.${hold.status}`) : ''}</span>;
}

function LeaseFromHold({ hold }: { hold: Hold }) {
  const { data: unit } = useGetOne<Unit>('units', { id: hold.unitId });
  const [open, setOpen] = useState(false);
  const translate = useTranslate();
  return (
    <>
      <Button
        label="crm.spaces.lease.fromHold"
        aria-label={`${translate('crm.spaces.lease.fromHold')} ${hold.unitCode}`}
        onClick={() => setOpen(true)}
        disabled={!unit}
      >
        <HistoryEduIcon />
      </Button>
      {open && unit ? (
        <LeaseDialog unit={unit} dealId={hold.dealId} onClose={() => setOpen(false)} />
      ) : null}
    </>
  );
}

function HoldActions() {
  const hold = useRecordContext<Hold>();
  const { canAccess: mayCreate } = useCanAccess({ action: 'create', resource: 'reservations' });
  const ownsDeal = useAllowed('update', 'deals', { ownerId: hold?.dealOwnerId }, !!hold);
  if (!hold || hold.status !== 'active' || !mayCreate || !ownsDeal) return null;
  return (
    <Stack direction="row" spacing={1}>
      <ReleaseHoldButton hold={hold} unitCode={hold.unitCode} />
      <LeaseFromHold hold={hold} />
    </Stack>
  );
}

/** Holds on units: active ones first by default, the ones expiring within a week in bold. */
export function HoldList() {
  return (
    <List
      filters={[
        <SelectInput key="status" source="status" choices={holdStatusChoices} alwaysOn />,
        buildingFilter,
        dealFilter,
      ]}
      filterDefaultValues={{ status: 'active' }}
      sort={{ field: 'expiresAt', order: 'ASC' }}
      actions={
        <TopToolbar>
          <FilterButton />
        </TopToolbar>
      }
      exporter={false}
    >
      <DataTable rowClick={false} bulkActionButtons={false}>
        <DataTable.Col source="unitCode">
          <UnitLink />
        </DataTable.Col>
        <DataTable.Col source="buildingId" disableSort>
          <BuildingName />
        </DataTable.Col>
        <DataTable.Col source="companyName">
          <CompanyLink />
        </DataTable.Col>
        <DataTable.Col source="dealTitle">
          <DealLink />
        </DataTable.Col>
        <DataTable.Col source="startsAt">
          <HoldStarts />
        </DataTable.Col>
        <DataTable.Col source="expiresAt">
          <Expiry />
        </DataTable.Col>
        <DataTable.Col source="status">
          <HoldStatus />
        </DataTable.Col>
        <DataTable.Col label="crm.spaces.actions" disableSort>
          <HoldActions />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}

function LeaseTerms({ figure }: { figure: 'start' | 'end' | 'rent' | 'status' }) {
  const lease = useRecordContext<LeaseItem>();
  const [locale] = useLocaleState();
  const translate = useTranslate();
  if (!lease) return null;
  if (figure === 'start') return <span>{formatDate(lease.startDate, locale)}</span>;
  if (figure === 'end') return <span>{formatDate(lease.endDate, locale)}</span>;
  if (figure === 'rent') return <span>{formatMoney(lease.monthlyRent, locale)}</span>;
  return <span>{translate(`crm.spaces.leaseStatus.${lease.status}`)}</span>;
}

/** Leases: which firm rents which unit, for how long and at what rent. */
export function LeaseList() {
  return (
    <List
      filters={[
        <SelectInput key="status" source="status" choices={leaseStatusChoices} alwaysOn />,
        buildingFilter,
        dealFilter,
      ]}
      sort={{ field: 'startDate', order: 'DESC' }}
      actions={
        <TopToolbar>
          <FilterButton />
        </TopToolbar>
      }
      exporter={false}
    >
      <DataTable rowClick={false} bulkActionButtons={false}>
        <DataTable.Col source="unitCode">
          <UnitLink />
        </DataTable.Col>
        <DataTable.Col source="buildingId" disableSort>
          <BuildingName />
        </DataTable.Col>
        <DataTable.Col source="companyName">
          <CompanyLink />
        </DataTable.Col>
        <DataTable.Col source="dealTitle" disableSort>
          <DealLink />
        </DataTable.Col>
        <DataTable.Col source="startDate">
          <LeaseTerms figure="start" />
        </DataTable.Col>
        <DataTable.Col source="endDate">
          <LeaseTerms figure="end" />
        </DataTable.Col>
        <DataTable.Col source="monthlyRent">
          <LeaseTerms figure="rent" />
        </DataTable.Col>
        <DataTable.Col source="rentFreeMonths" />
        <DataTable.Col source="status">
          <LeaseTerms figure="status" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
