import {
  Alert,
  Card,
  CardContent,
  Chip,
  CircularProgress,
  Link as MuiLink,
  Stack,
  Typography,
} from '@mui/material';
import { CreateButton, Title, useCanAccess, useLocaleState, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { formatNumber } from '../common/format';
import { FundBar, ProgramBudgetBar } from './BudgetBar';
import { programName, useFund, usePrograms } from './programs';
import type { Program } from './types';

function ProgramCard({ program }: { program: Program }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const headingId = `program-${program.id}`;
  return (
    <Card variant="outlined" component="section" aria-labelledby={headingId}>
      <CardContent>
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', mb: 1.5 }}>
          <Typography id={headingId} variant="h6" component="h3">
            <MuiLink component={Link} to={`/programs/${program.id}/show`} underline="hover">
              {programName(program, locale)}
            </MuiLink>
          </Typography>
          {translate(`crm.enums.programKind.${program.kind}`) !== programName(program, locale) ? (
            <Chip
              size="small"
              variant="outlined"
              label={translate(`crm.enums.programKind.${program.kind}`)}
            />
          ) : null}
          {program.cardHoursPerYuan ? (
            <Typography variant="body2" color="text.secondary">
              {translate('crm.incentives.program.rate', {
                rate: formatNumber(program.cardHoursPerYuan, locale, 4),
              })}
            </Typography>
          ) : null}
        </Stack>
        <ProgramBudgetBar program={program} />
      </CardContent>
    </Card>
  );
}

/** The park fund's totals, then every program with its budget bar. */
export function ProgramList() {
  const translate = useTranslate();
  const programs = usePrograms();
  const fund = useFund();
  const { canAccess: canCreate } = useCanAccess({ action: 'create', resource: 'programs' });
  return (
    <Stack spacing={2} sx={{ my: 2 }}>
      <Title title={translate('resources.programs.name', { smart_count: 2 })} />
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography variant="h5" component="h1">
          {translate('crm.incentives.programs.heading')}
        </Typography>
        {canCreate ? <CreateButton resource="programs" /> : null}
      </Stack>
      {fund.error || programs.error ? (
        <Alert severity="error">
          {translate((fund.error ?? programs.error)?.message ?? 'crm.errors.INTERNAL_ERROR')}
        </Alert>
      ) : null}
      {fund.data ? (
        <Card component="section" aria-labelledby="fund-heading">
          <CardContent>
            <Typography id="fund-heading" variant="h6" component="h2" sx={{ mb: 1.5 }}>
              {translate('crm.incentives.fund.heading', { name: fund.data.name })}
            </Typography>
            <FundBar fund={fund.data} />
          </CardContent>
        </Card>
      ) : null}
      <Typography variant="h6" component="h2">
        {translate('crm.incentives.programs.budgets')}
      </Typography>
      {programs.isPending ? (
        <CircularProgress aria-label={translate('ra.page.loading')} />
      ) : programs.data?.length === 0 ? (
        <Typography color="text.secondary">{translate('crm.incentives.programs.empty')}</Typography>
      ) : (
        programs.data?.map((program) => <ProgramCard key={program.id} program={program} />)
      )}
    </Stack>
  );
}
