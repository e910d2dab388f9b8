import { Chip, Typography } from '@mui/material';
import {
  DataTable,
  FunctionField,
  ReferenceField,
  TextField,
  useLocaleState,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { BeijingDateTimeField } from '../common/fields';
import { formatYuan, usePrograms, useProgramName } from './programs';
import type { Application, ApplicationStatus } from './types';

/**
 * Status colours with a text label, all AA on their fill: grey, orange with dark text, and dark
 * green, red and blue with white text.
 */
const STATUS_COLOUR: Record<
  ApplicationStatus,
  'default' | 'warning' | 'success' | 'error' | 'primary'
> = {
  draft: 'default',
  submitted: 'warning',
  approved: 'success',
  rejected: 'error',
  disbursed: 'primary',
};

export function StatusChip({ status }: { status: ApplicationStatus | undefined }) {
  const translate = useTranslate();
  if (!status) return null;
  return (
    <Chip
      size="small"
      color={STATUS_COLOUR[status]}
      label={translate(`crm.enums.applicationStatus.${status}`)}
      data-status={status}
    />
  );
}

/** Exact yuan of a money field (requested, approved, disbursed). */
export function YuanField({ source }: { source: string; label?: string }) {
  const record = useRecordContext();
  const [locale] = useLocaleState();
  const value = record?.[source] as string | null | undefined;
  return (
    <Typography component="span" variant="body2" sx={{ whiteSpace: 'nowrap' }}>
      {formatYuan(value, locale)}
    </Typography>
  );
}

/** The program's name, from the programs already loaded for the budget bars. */
export function ProgramNameField() {
  const record = useRecordContext<Application>();
  const { data = [] } = usePrograms();
  const name = useProgramName();
  if (!record) return null;
  return (
    <Typography component="span" variant="body2">
      {name(data.find((program) => program.id === record.programId))}
    </Typography>
  );
}

export function CompanyNameField() {
  return (
    <ReferenceField source="companyId" reference="companies" link={false} emptyText="—">
      <TextField source="name" />
    </ReferenceField>
  );
}

/** Applications as a table; inside a List or a ReferenceManyField. */
export function ApplicationTable({
  company = true,
  program = true,
}: {
  company?: boolean;
  program?: boolean;
}) {
  const translate = useTranslate();
  return (
    <DataTable
      rowClick="show"
      bulkActionButtons={false}
      resource="applications"
      aria-label={translate('resources.applications.name', { smart_count: 2 })}
    >
      {company ? (
        <DataTable.Col source="companyId" disableSort>
          <CompanyNameField />
        </DataTable.Col>
      ) : null}
      {program ? (
        <DataTable.Col source="programId" disableSort>
          <ProgramNameField />
        </DataTable.Col>
      ) : null}
      <DataTable.Col source="status" disableSort>
        <FunctionField<Application> render={(record) => <StatusChip status={record.status} />} />
      </DataTable.Col>
      <DataTable.Col source="requestedAmount" disableSort align="right">
        <YuanField source="requestedAmount" />
      </DataTable.Col>
      <DataTable.Col source="approvedAmount" disableSort align="right">
        <YuanField source="approvedAmount" />
      </DataTable.Col>
      <DataTable.Col source="disbursedAmount" disableSort align="right">
        <YuanField source="disbursedAmount" />
      </DataTable.Col>
      <DataTable.Col source="submittedAt" disableSort>
        <BeijingDateTimeField source="submittedAt" />
      </DataTable.Col>
      <DataTable.Col source="updatedAt" disableSort>
        <BeijingDateTimeField source="updatedAt" />
      </DataTable.Col>
    </DataTable>
  );
}
