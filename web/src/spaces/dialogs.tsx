import { useState } from 'react';
import {
  AutocompleteInput,
  Button,
  DateInput,
  NumberInput,
  ReferenceInput,
  TextInput,
  required,
  useDataProvider,
  useGetIdentity,
  useLocaleState,
  useNotify,
  useTranslate,
} from 'react-admin';
import {
  Button as MuiButton,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
} from '@mui/material';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import type { CrmDataProvider, Page } from '../api/dataProvider';
import type { Deal } from '../api/types';
import { FormDialog, type FormValues } from '../companies/FormDialog';
import { beijingDay, beijingInstant, formatMoney } from '../common/format';
import { useSpacesChanged } from './hooks';
import type { Hold, Lease, Reservation, Unit } from './types';

const MAX_HOLD_DAYS = 180;

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const dealText = (deal: Deal) => `${deal.companyName} · ${deal.title}`;

/** Picks a deal: a promoter only their own (the API refuses others'), an admin any. */
function DealInput({ source = 'dealId', label }: { source?: string; label: string }) {
  const { identity } = useGetIdentity();
  const own = identity?.role === 'admin' ? {} : { ownerId: identity?.id };
  return (
    <ReferenceInput source={source} reference="deals" filter={own} perPage={50}>
      <AutocompleteInput
        label={label}
        optionText={dealText}
        filterToQuery={(q: string) => ({ q })}
        validate={required()}
      />
    </ReferenceInput>
  );
}

/** Picks a vacant unit (for a hold placed from the deal page). */
function UnitInput({ label }: { label: string }) {
  return (
    <ReferenceInput
      source="unitId"
      reference="units"
      filter={{ status: 'available' }}
      perPage={100}
    >
      <AutocompleteInput
        label={label}
        optionText={(unit: Unit) => `${unit.code} · ${unit.area} m²`}
        filterToQuery={() => ({})}
        validate={required()}
      />
    </ReferenceInput>
  );
}

/** Holds a unit for a deal until a day (end of that day, Beijing time). */
export function HoldDialog({
  unit,
  dealId,
  onClose,
}: {
  unit?: Unit;
  dealId?: string;
  onClose: () => void;
}) {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<CrmDataProvider>();
  const changed = useSpacesChanged();
  const today = beijingDay(new Date());
  const validateDay = (day: string) => {
    if (!day) return undefined;
    if (day < today) return 'crm.spaces.validation.future';
    if (day > addDays(today, MAX_HOLD_DAYS - 1)) return 'crm.spaces.validation.maxHold';
    return undefined;
  };
  const submit = async (values: FormValues) => {
    const hold = await dataProvider.call<Reservation>('POST', '/reservations', {
      body: {
        unitId: unit?.id ?? values.unitId,
        dealId: dealId ?? values.dealId,
        expiresAt: beijingInstant(String(values.expiresOn), '23:59:59'),
      },
    });
    const held = await dataProvider.call<Page<Hold>>('GET', '/reservations', {
      query: { unitId: hold.unitId, status: 'active', limit: 200 },
    });
    const item = held.data.find((h) => h.id === hold.id);
    await changed();
    notify('crm.spaces.hold.placed', {
      type: 'success',
      messageArgs: { code: item?.unitCode ?? unit?.code ?? '', company: item?.companyName ?? '' },
    });
  };
  return (
    <FormDialog
      title={
        unit
          ? translate('crm.spaces.hold.title', { code: unit.code })
          : translate('crm.spaces.hold.titleForDeal')
      }
      record={{ dealId, expiresOn: addDays(today, 30) }}
      onClose={onClose}
      onSubmit={submit}
    >
      {unit ? null : <UnitInput label={translate('crm.spaces.hold.unit')} />}
      {dealId ? null : <DealInput label={translate('crm.spaces.hold.deal')} />}
      <DateInput
        source="expiresOn"
        label="crm.spaces.hold.expiresOn"
        helperText="crm.spaces.hold.expiresHelp"
        validate={[required(), validateDay]}
      />
    </FormDialog>
  );
}

const decimal = (value: unknown) =>
  value === undefined ||
  value === null ||
  value === '' ||
  ((typeof value === 'string' || typeof value === 'number') &&
    /^\d{1,12}(\.\d{1,2})?$/.test(`${value}`))
    ? undefined
    : 'crm.spaces.validation.decimal';

const endAfterStart = (value: unknown, values: FormValues) =>
  typeof value === 'string' && typeof values.startDate === 'string' && value < values.startDate
    ? 'crm.spaces.validation.endBeforeStart'
    : undefined;

/** Leases a unit to a deal's company; the deal's hold on it (if any) becomes the lease. */
export function LeaseDialog({
  unit,
  dealId,
  onClose,
}: {
  unit: Unit;
  dealId?: string;
  onClose: () => void;
}) {
  const translate = useTranslate();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const dataProvider = useDataProvider<CrmDataProvider>();
  const changed = useSpacesChanged();
  const listRent = (Number(unit.area) * Number(unit.listRent)).toFixed(2);
  const [year, month] = beijingDay(new Date()).split('-').map(Number);
  const start = new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
  const end = addDays(new Date(Date.UTC(year + 3, month, 1)).toISOString().slice(0, 10), -1);
  const submit = async (values: FormValues) => {
    const lease = await dataProvider.call<Lease>('POST', '/leases', {
      body: {
        unitId: unit.id,
        dealId: values.dealId,
        startDate: values.startDate,
        endDate: values.endDate,
        monthlyRent: String(values.monthlyRent),
        rentFreeMonths: Number(values.rentFreeMonths ?? 0),
      },
    });
    const company = await dataProvider
      .call<{ name: string }>('GET', `/companies/${lease.companyId}`)
      .catch(() => ({ name: '' }));
    await changed();
    notify('crm.spaces.lease.signed', {
      type: 'success',
      messageArgs: { code: unit.code, company: company.name },
    });
  };
  return (
    <FormDialog
      title={translate('crm.spaces.lease.title', { code: unit.code })}
      record={{ dealId, startDate: start, endDate: end, monthlyRent: listRent, rentFreeMonths: 0 }}
      onClose={onClose}
      onSubmit={submit}
    >
      <DealInput label={translate('crm.spaces.lease.deal')} />
      <DateInput source="startDate" label="crm.spaces.lease.startDate" validate={required()} />
      <DateInput
        source="endDate"
        label="crm.spaces.lease.endDate"
        validate={[required(), endAfterStart]}
      />
      <TextInput
        source="monthlyRent"
        label="crm.spaces.lease.monthlyRent"
        helperText={translate('crm.spaces.lease.monthlyRentHelp', {
          amount: formatMoney(listRent, locale),
        })}
        validate={[required(), decimal]}
      />
      <NumberInput
        source="rentFreeMonths"
        label="crm.spaces.lease.rentFreeMonths"
        min={0}
        max={60}
        step={1}
      />
    </FormDialog>
  );
}

/** Releases an active hold (If-Match on its version), after a confirmation. */
export function ReleaseHoldButton({ hold, unitCode }: { hold: Hold; unitCode: string }) {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<CrmDataProvider>();
  const changed = useSpacesChanged();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const release = async () => {
    setBusy(true);
    try {
      await dataProvider.call('POST', `/reservations/${hold.id}/release`, {
        version: hold.version,
      });
      await changed();
      notify('crm.spaces.hold.released', { type: 'success', messageArgs: { code: unitCode } });
      setOpen(false);
    } catch (error) {
      notify(error instanceof Error ? error.message : 'crm.errors.INTERNAL_ERROR', {
        type: 'error',
      });
    } finally {
      setBusy(false);
    }
  };
  const title = translate('crm.spaces.hold.releaseTitle', { code: unitCode });
  return (
    <>
      <Button
        label="crm.spaces.unit.releaseHold"
        onClick={() => setOpen(true)}
        aria-label={`${translate('crm.spaces.unit.releaseHold')} ${unitCode}`}
      >
        <LockOpenIcon />
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-label={title}>
        <DialogTitle>{title}</DialogTitle>
        <DialogContent>
          <DialogContentText>{translate('crm.spaces.hold.releaseBody')}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</MuiButton>
          <MuiButton onClick={() => void release()} disabled={busy} variant="contained">
            {translate('crm.spaces.unit.releaseHold')}
          </MuiButton>
        </DialogActions>
      </Dialog>
    </>
  );
}
