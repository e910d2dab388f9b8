import type { ReactElement, ReactNode } from 'react';
import {
  Box,
  Card,
  CardContent,
  Grid,
  Link as MuiLink,
  List as MuiList,
  ListItem,
  ListItemText,
  Typography,
} from '@mui/material';
import {
  Labeled,
  ReferenceField,
  Show,
  TextField,
  TopToolbar,
  useLocaleState,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { Link } from 'react-router-dom';
import { formatCardHours, formatDateTime } from '../common/format';
import { UserField } from '../common/users';
import { ApplicationActions } from './ApplicationActions';
import { ProgramBudgetBar } from './BudgetBar';
import { StatusChip, YuanField } from './fields';
import { formatYuan, usePrograms, useProgramName } from './programs';
import type { Application } from './types';

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

function ApplicationTitle() {
  const application = useRecordContext<Application>();
  const translate = useTranslate();
  const { data = [] } = usePrograms();
  const name = useProgramName();
  if (!application) return null;
  return (
    <>
      {translate('crm.incentives.application.title', {
        program: name(data.find((program) => program.id === application.programId)),
      })}
    </>
  );
}

function ProgramLink() {
  const application = useRecordContext<Application>();
  const { data = [] } = usePrograms();
  const name = useProgramName();
  if (!application) return null;
  return (
    <MuiLink component={Link} to={`/programs/${application.programId}/show`}>
      {name(data.find((program) => program.id === application.programId))}
    </MuiLink>
  );
}

/** The application's steps from its timestamps: drafted, submitted, decided, disbursed. */
function StatusHistory() {
  const application = useRecordContext<Application>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!application) return null;
  const steps: { key: string; at: string | null; who?: string | null; text?: string }[] = [
    {
      key: 'draft',
      at: application.createdAt,
      who: application.createdById,
      text: translate('crm.incentives.history.requested', {
        amount: formatYuan(application.requestedAmount, locale),
      }),
    },
    { key: 'submitted', at: application.submittedAt },
  ];
  if (application.decidedAt)
    steps.push({
      key: application.approvedAmount !== null ? 'approved' : 'rejected',
      at: application.decidedAt,
      who: application.reviewerId,
      text:
        application.approvedAmount !== null
          ? translate('crm.incentives.history.approved', {
              amount: formatYuan(application.approvedAmount, locale),
            })
          : undefined,
    });
  if (application.disbursedAt)
    steps.push({
      key: 'disbursed',
      at: application.disbursedAt,
      text: translate('crm.incentives.history.disbursed', {
        amount: formatYuan(application.disbursedAmount, locale),
      }),
    });
  const done = steps.filter((step) => step.at);
  return (
    <MuiList dense aria-label={translate('crm.incentives.history.title')} disablePadding>
      {done.map((step) => (
        <ListItem key={step.key} disableGutters data-step={step.key}>
          <ListItemText
            primary={
              <Box component="span" sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
                <StatusChip status={step.key as Application['status']} />
                <span>{formatDateTime(step.at, locale)}</span>
                {step.who ? (
                  <span>
                    · <UserField source={step.key === 'draft' ? 'createdById' : 'reviewerId'} />
                  </span>
                ) : null}
              </Box>
            }
            secondary={step.text}
          />
        </ListItem>
      ))}
    </MuiList>
  );
}

function Field({ label, children }: { label: string; children: ReactElement }) {
  return (
    <Grid size={{ xs: 12, sm: 6, md: 4 }}>
      <Labeled label={label}>{children}</Labeled>
    </Grid>
  );
}

function ApplicationDetails() {
  const application = useRecordContext<Application>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { data = [] } = usePrograms();
  if (!application) return null;
  const program = data.find((candidate) => candidate.id === application.programId);
  return (
    <Box sx={{ p: 2 }}>
      <Section id="application-summary" title="crm.incentives.application.summary">
        <Grid container spacing={2}>
          <Field label="resources.applications.fields.companyId">
            <ReferenceField source="companyId" reference="companies" link="show">
              <TextField source="name" />
            </ReferenceField>
          </Field>
          <Field label="resources.applications.fields.programId">
            <ProgramLink />
          </Field>
          <Field label="resources.applications.fields.status">
            <StatusChip status={application.status} />
          </Field>
          <Field label="resources.applications.fields.requestedAmount">
            <YuanField source="requestedAmount" />
          </Field>
          <Field label="resources.applications.fields.approvedAmount">
            <YuanField source="approvedAmount" />
          </Field>
          <Field label="resources.applications.fields.disbursedAmount">
            <YuanField source="disbursedAmount" />
          </Field>
          {application.approvedCardHours ? (
            <Field label="resources.applications.fields.approvedCardHours">
              <Typography variant="body2">
                {formatCardHours(application.approvedCardHours, locale)}
              </Typography>
            </Field>
          ) : null}
          <Grid size={12}>
            <Labeled label="resources.applications.fields.purpose">
              <TextField source="purpose" emptyText="—" />
            </Labeled>
          </Grid>
          {application.decisionReason ? (
            <Grid size={12}>
              <Labeled label="resources.applications.fields.decisionReason">
                <TextField source="decisionReason" data-testid="decision-reason" />
              </Labeled>
            </Grid>
          ) : null}
        </Grid>
      </Section>
      <Section id="application-history" title="crm.incentives.history.title">
        <StatusHistory />
      </Section>
      {program ? (
        <Section id="application-budget" title="crm.incentives.application.budget">
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {translate('crm.incentives.application.budgetHelp')}
          </Typography>
          <ProgramBudgetBar program={program} />
        </Section>
      ) : null}
    </Box>
  );
}

export function ApplicationShow() {
  return (
    <Show
      title={<ApplicationTitle />}
      actions={
        <TopToolbar>
          <ApplicationActions />
        </TopToolbar>
      }
    >
      <ApplicationDetails />
    </Show>
  );
}
