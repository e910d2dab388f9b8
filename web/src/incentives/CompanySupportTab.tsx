import {
  Alert,
  Button as MuiButton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableFooter,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { useQuery } from '@tanstack/react-query';
import {
  Pagination,
  ReferenceManyField,
  useDataProvider,
  useLocaleState,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { Link } from 'react-router-dom';
import type { CrmDataProvider } from '../api/dataProvider';
import type { Company } from '../api/types';
import { formatCardHours } from '../common/format';
import { useRefusalText } from './errors';
import { ApplicationTable } from './fields';
import { formatYuan, programName } from './programs';
import type { CompanySupport } from './types';
import { useAllowed } from '../auth/useAllowed';

function Figure({ figure, label, value }: { figure: string; label: string; value: string }) {
  return (
    <Stack data-figure={figure}>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="h6" component="p" data-amount>
        {value}
      </Typography>
    </Stack>
  );
}

/**
 * The firm's support from the park (`companies/:id/support`): requested, approved and disbursed
 * per program and overall, beside the rent-free value of its leases and what its deals expect;
 * then its applications, and a new draft when the user may apply for it.
 */
export function CompanySupportTab() {
  const company = useRecordContext<Company>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const refusal = useRefusalText();
  const dataProvider = useDataProvider<CrmDataProvider>();
  const canApply = useAllowed(
    'create',
    'applications',
    { companyOwnerId: company?.ownerId ?? null },
    !!company,
  );
  const support = useQuery({
    queryKey: ['incentives', 'support', company?.id],
    enabled: !!company,
    queryFn: () => dataProvider.call<CompanySupport>('GET', `/companies/${company!.id}/support`),
  });
  if (!company) return null;
  if (support.error) return <Alert severity="error">{refusal(support.error)}</Alert>;
  const data = support.data;
  const money = (value: string | undefined) => formatYuan(value, locale);
  return (
    <Stack spacing={2} sx={{ py: 2 }}>
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography variant="h6" component="h2" id="support-totals">
          {translate('crm.incentives.support.heading')}
        </Typography>
        {canApply ? (
          <MuiButton
            component={Link}
            to="/applications/create"
            state={{ record: { companyId: company.id } }}
            variant="contained"
            size="small"
            startIcon={<AddIcon />}
          >
            {translate('crm.incentives.support.newApplication')}
          </MuiButton>
        ) : null}
      </Stack>
      {data ? (
        <>
          <Stack
            direction="row"
            spacing={4}
            sx={{ flexWrap: 'wrap', rowGap: 2 }}
            aria-labelledby="support-totals"
            role="group"
          >
            <Figure
              figure="requested"
              label={translate('crm.incentives.support.requested')}
              value={money(data.requested)}
            />
            <Figure
              figure="approved"
              label={translate('crm.incentives.support.approved')}
              value={money(data.approved)}
            />
            <Figure
              figure="disbursed"
              label={translate('crm.incentives.support.disbursed')}
              value={money(data.disbursed)}
            />
            <Figure
              figure="computeCardHoursApproved"
              label={translate('crm.incentives.support.cardHours')}
              value={formatCardHours(data.computeCardHoursApproved, locale)}
            />
            <Figure
              figure="rentFreeValue"
              label={translate('crm.incentives.support.rentFree')}
              value={money(data.rentFreeValue)}
            />
            <Figure
              figure="fundInvestment"
              label={translate('crm.incentives.support.fundInvestment')}
              value={money(data.fundInvestment)}
            />
            <Figure
              figure="expectedInvestment"
              label={translate('crm.incentives.support.expectedInvestment')}
              value={money(data.expectedInvestment)}
            />
          </Stack>
          {data.programs.length === 0 ? (
            <Typography variant="body2" color="text.secondary">
              {translate('crm.incentives.support.none')}
            </Typography>
          ) : (
            <Table size="small" aria-label={translate('crm.incentives.support.byProgram')}>
              <TableHead>
                <TableRow>
                  <TableCell>{translate('resources.applications.fields.programId')}</TableCell>
                  <TableCell align="right">{translate('crm.incentives.support.count')}</TableCell>
                  <TableCell align="right">
                    {translate('crm.incentives.support.requested')}
                  </TableCell>
                  <TableCell align="right">
                    {translate('crm.incentives.support.approved')}
                  </TableCell>
                  <TableCell align="right">
                    {translate('crm.incentives.support.disbursed')}
                  </TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.programs.map((row) => (
                  <TableRow key={row.programId} data-program={row.programId}>
                    <TableCell>{programName(row, locale)}</TableCell>
                    <TableCell align="right">{row.applications}</TableCell>
                    <TableCell align="right">{money(row.requested)}</TableCell>
                    <TableCell align="right">{money(row.approved)}</TableCell>
                    <TableCell align="right">{money(row.disbursed)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
              <TableFooter
                sx={{
                  '& td, & th': { color: 'text.primary', fontWeight: 600, fontSize: '0.875rem' },
                }}
              >
                <TableRow data-program="total">
                  <TableCell component="th" scope="row">
                    {translate('crm.incentives.support.total')}
                  </TableCell>
                  <TableCell align="right">
                    {data.programs.reduce((sum, row) => sum + row.applications, 0)}
                  </TableCell>
                  <TableCell align="right">{money(data.requested)}</TableCell>
                  <TableCell align="right">{money(data.approved)}</TableCell>
                  <TableCell align="right">{money(data.disbursed)}</TableCell>
                </TableRow>
              </TableFooter>
            </Table>
          )}
        </>
      ) : null}
      <Typography variant="h6" component="h2">
        {translate('crm.incentives.support.applications')}
      </Typography>
      <ReferenceManyField
        reference="applications"
        target="companyId"
        sort={{ field: 'updatedAt', order: 'DESC' }}
        perPage={25}
        pagination={<Pagination rowsPerPageOptions={[25]} />}
        empty={
          <Typography variant="body2" color="text.secondary">
            {translate('crm.incentives.support.noApplications')}
          </Typography>
        }
      >
        <ApplicationTable company={false} />
      </ReferenceManyField>
    </Stack>
  );
}
