import type { ReactNode } from 'react';
import { Box, Card, CardContent, Grid, Typography } from '@mui/material';
import {
  EditButton,
  Labeled,
  Pagination,
  ReferenceManyField,
  Show,
  TextField,
  TopToolbar,
  useCanAccess,
  useLocaleState,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { formatNumber } from '../common/format';
import { BeijingDateTimeField } from '../common/fields';
import { ProgramBudgetBar } from './BudgetBar';
import { ApplicationTable } from './fields';
import { formatYuan, useProgramName } from './programs';
import type { Program } from './types';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const translate = useTranslate();
  return (
    <Card variant="outlined" component="section" aria-labelledby={id} sx={{ mb: 2 }}>
      <CardContent>
        <Typography id={id} variant="h6" component="h2" gutterBottom>
          {translate(title)}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

function ProgramTitle() {
  const program = useRecordContext<Program>();
  const name = useProgramName();
  return <>{program ? name(program) : ''}</>;
}

function Actions() {
  const { canAccess } = useCanAccess({ action: 'update', resource: 'programs' });
  return <TopToolbar>{canAccess ? <EditButton /> : null}</TopToolbar>;
}

function Empty() {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary">
      {translate('crm.incentives.programs.noApplications')}
    </Typography>
  );
}

/** The program's terms, its budget bar and the applications to it. */
function ProgramDetails() {
  const program = useRecordContext<Program>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!program) return null;
  const field = (label: string, value: ReactNode) => (
    <Grid size={{ xs: 12, sm: 6, md: 4 }}>
      <Labeled label={label}>
        <Typography variant="body2">{value}</Typography>
      </Labeled>
    </Grid>
  );
  return (
    <Box sx={{ p: 2 }}>
      <Section id="program-terms" title="crm.incentives.program.terms">
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, sm: 6, md: 4 }}>
            <Labeled label="resources.programs.fields.name">
              <TextField source="name" />
            </Labeled>
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 4 }}>
            <Labeled label="resources.programs.fields.nameEn">
              <TextField source="nameEn" emptyText="—" />
            </Labeled>
          </Grid>
          {field(
            'resources.programs.fields.kind',
            translate(`crm.enums.programKind.${program.kind}`),
          )}
          {field('resources.programs.fields.budget', formatYuan(program.budget, locale))}
          {program.cardHoursPerYuan
            ? field(
                'resources.programs.fields.cardHoursPerYuan',
                translate('crm.incentives.program.rate', {
                  rate: formatNumber(program.cardHoursPerYuan, locale, 4),
                }),
              )
            : null}
          <Grid size={{ xs: 12, sm: 6, md: 4 }}>
            <Labeled label="resources.programs.fields.updatedAt">
              <BeijingDateTimeField source="updatedAt" />
            </Labeled>
          </Grid>
        </Grid>
      </Section>
      <Section id="program-budget" title="crm.incentives.program.budget">
        <ProgramBudgetBar program={program} />
      </Section>
      <Section id="program-applications" title="crm.incentives.program.applications">
        <ReferenceManyField
          reference="applications"
          target="programId"
          sort={{ field: 'updatedAt', order: 'DESC' }}
          perPage={25}
          pagination={<Pagination rowsPerPageOptions={[25]} />}
          empty={<Empty />}
        >
          <ApplicationTable program={false} />
        </ReferenceManyField>
      </Section>
    </Box>
  );
}

export function ProgramShow() {
  return (
    <Show title={<ProgramTitle />} actions={<Actions />}>
      <ProgramDetails />
    </Show>
  );
}
