import type { ReactNode } from 'react';
import {
  Alert,
  Box,
  Chip,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { Link, useTranslate } from 'react-admin';
import type { ConflictRow, DuplicateRow, ImportReport, RejectedRow, RowError } from './types';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box component="section" sx={{ mt: 3 }}>
      <Typography variant="h6" component="h3" gutterBottom>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

function Counts({ report }: { report: ImportReport }) {
  const translate = useTranslate();
  const prefix = report.dryRun ? 'crm.leads.import.wouldCount' : 'crm.leads.import.count';
  const counts = [
    { key: 'total', value: report.total, color: 'default' },
    { key: 'created', value: report.created.count, color: 'success' },
    { key: 'conflicts', value: report.conflicts.count, color: 'warning' },
    { key: 'duplicates', value: report.duplicates.count, color: 'info' },
    { key: 'rejected', value: report.rejected.count, color: 'error' },
  ] as const;
  return (
    <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
      {counts.map(({ key, value, color }) => (
        <Chip
          key={key}
          color={color}
          variant={value > 0 ? 'filled' : 'outlined'}
          label={translate(`${prefix}.${key}`, { smart_count: value })}
        />
      ))}
    </Stack>
  );
}

/** A cell's problem in the user's language, by the importer's stable code. */
function RowMessage({ error }: { error: RowError }) {
  const translate = useTranslate();
  return (
    <>
      {translate(`crm.leads.import.rowMessages.${error.code}`, {
        ...error.params,
        _: error.message,
      })}
    </>
  );
}

function RejectedTable({ rows }: { rows: RejectedRow[] }) {
  const translate = useTranslate();
  return (
    <Table size="small" aria-label={translate('crm.leads.import.rejectedTitle')}>
      <TableHead>
        <TableRow>
          <TableCell>{translate('crm.leads.import.row')}</TableCell>
          <TableCell>{translate('crm.leads.import.column')}</TableCell>
          <TableCell>{translate('crm.leads.import.message')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.flatMap(({ row, errors }) =>
          errors.map((error) => (
            <TableRow key={`${row}:${error.field}`}>
              <TableCell>{row}</TableCell>
              <TableCell>
                {translate(`crm.leads.import.columns.${error.field}.label`, { _: error.field })}
              </TableCell>
              <TableCell>
                <RowMessage error={error} />
              </TableCell>
            </TableRow>
          )),
        )}
      </TableBody>
    </Table>
  );
}

function ConflictTable({ rows }: { rows: ConflictRow[] }) {
  const translate = useTranslate();
  return (
    <Table size="small" aria-label={translate('crm.leads.import.conflictsTitle')}>
      <TableHead>
        <TableRow>
          <TableCell>{translate('crm.leads.import.row')}</TableCell>
          <TableCell>{translate('resources.lead-conflicts.fields.match')}</TableCell>
          <TableCell>{translate('resources.lead-conflicts.fields.existingLead')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.row}>
            <TableCell>{row.row}</TableCell>
            <TableCell>{translate(`crm.enums.conflictMatch.${row.match}`)}</TableCell>
            <TableCell>
              <Link to={`/leads/${row.existingLeadId}/show`}>
                {translate('crm.leads.import.openExisting')}
              </Link>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function DuplicateTable({ rows }: { rows: DuplicateRow[] }) {
  const translate = useTranslate();
  return (
    <Table size="small" aria-label={translate('crm.leads.import.duplicatesTitle')}>
      <TableHead>
        <TableRow>
          <TableCell>{translate('crm.leads.import.row')}</TableCell>
          <TableCell>{translate('crm.leads.import.reason')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.row}>
            <TableCell>{row.row}</TableCell>
            <TableCell>
              {row.reason === 'in_file' ? (
                translate('crm.leads.import.duplicateInFile', { row: row.duplicateOfRow })
              ) : (
                <Link to={`/leads/${row.leadId}/show`}>
                  {translate('crm.leads.import.duplicateExisting')}
                </Link>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** What an import did, or would do on a dry run: counts, row errors, conflicts, skipped rows. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const translate = useTranslate();
  const rejected = report.rejected.rows;
  const conflicts = report.conflicts.rows;
  const duplicates = report.duplicates.rows;
  return (
    <Box>
      <Counts report={report} />
      {report.ignoredColumns.length > 0 ? (
        <Alert severity="info" sx={{ mt: 2 }}>
          {translate('crm.leads.import.ignoredColumns', {
            columns: report.ignoredColumns.join('、'),
          })}
        </Alert>
      ) : null}
      {rejected.length > 0 ? (
        <Section title={translate('crm.leads.import.rejectedTitle')}>
          <RejectedTable rows={rejected} />
        </Section>
      ) : null}
      {conflicts.length > 0 ? (
        <Section title={translate('crm.leads.import.conflictsTitle')}>
          <ConflictTable rows={conflicts} />
        </Section>
      ) : null}
      {duplicates.length > 0 ? (
        <Section title={translate('crm.leads.import.duplicatesTitle')}>
          <DuplicateTable rows={duplicates} />
        </Section>
      ) : null}
    </Box>
  );
}
