import { useId, type ReactElement, type ReactNode } from 'react';
import {
  EditButton,
  FunctionField,
  Labeled,
  ReferenceField,
  Show,
  TextField,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { Card, CardContent, Grid, Typography } from '@mui/material';
import type { Deal } from '../api/types';
import {
  AreaField,
  BeijingDateField,
  BeijingDateTimeField,
  CardHoursField,
  MoneyField,
} from '../common/fields';
import { Timeline } from '../common/Timeline';
import { UserField } from '../common/users';
import { DealOnboarding } from '../onboarding';
import { DealSpaces } from '../spaces';
import { DealActivities } from './DealActivities';
import { DealTasks, DealVisits } from './DealRelated';
import { MoveToStageButton } from './MoveToStageButton';
import { daysSince, useStageName, useStages } from './pipeline';
import { StageHistory } from './StageHistory';

/** A card of the deal page, a region named by its heading. */
function Section({ title, children }: { title: string; children: ReactNode }) {
  const translate = useTranslate();
  const headingId = useId();
  return (
    <Card variant="outlined" component="section" aria-labelledby={headingId} sx={{ mb: 2 }}>
      <CardContent>
        <Typography id={headingId} variant="h6" component="h2" gutterBottom>
          {translate(title)}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

function StageField() {
  const deal = useRecordContext<Deal>();
  const stageName = useStageName();
  const translate = useTranslate();
  const { data: stages = [] } = useStages(deal?.pipelineId);
  if (!deal) return null;
  const stage = stages.find((candidate) => candidate.id === deal.stageId);
  return (
    <Typography variant="body2">
      {stageName(stage)} · {stage?.probability ?? '—'}% ·{' '}
      {translate('crm.deals.daysInStage', { smart_count: daysSince(deal.stageEnteredAt) })}
    </Typography>
  );
}

/** Every field of the deal, money in 万元. */
function DealSummary() {
  const deal = useRecordContext<Deal>();
  const fields: [string, ReactElement][] = [
    [
      'companyId',
      <ReferenceField source="companyId" reference="companies" link="show" key="c">
        <TextField source="name" />
      </ReferenceField>,
    ],
    ['stageId', <StageField key="s" />],
    ['ownerId', <UserField source="ownerId" key="o" />],
    ['expectedInvestment', <MoneyField source="expectedInvestment" key="i" />],
    ['expectedAnnualRevenue', <MoneyField source="expectedAnnualRevenue" key="r" />],
    ['expectedArea', <AreaField source="expectedArea" key="a" />],
    ['expectedComputeCardHours', <CardHoursField source="expectedComputeCardHours" key="h" />],
    ['targetMoveInDate', <BeijingDateField source="targetMoveInDate" key="t" />],
    ['stageEnteredAt', <BeijingDateTimeField source="stageEnteredAt" key="e" />],
    ['closedAt', <BeijingDateTimeField source="closedAt" key="cl" />],
    ['createdAt', <BeijingDateTimeField source="createdAt" key="cr" />],
    ['updatedAt', <BeijingDateTimeField source="updatedAt" key="u" />],
  ];
  if (deal?.lostReason) fields.push(['lostReason', <TextField source="lostReason" key="l" />]);
  return (
    <Grid container spacing={2}>
      {fields.map(([source, field]) => (
        <Grid key={source} size={{ xs: 12, sm: 6, md: 4 }}>
          <Labeled source={source} label={`resources.deals.fields.${source}`}>
            {field}
          </Labeled>
        </Grid>
      ))}
    </Grid>
  );
}

function DealHeading() {
  return (
    <FunctionField<Deal>
      render={(deal) => (
        <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
          {deal.companyName} · {deal.title}
        </Typography>
      )}
    />
  );
}

function DealShowActions() {
  return (
    <TopToolbar>
      <MoveToStageButton />
      <EditButton />
    </TopToolbar>
  );
}

function DealShowLayout() {
  const deal = useRecordContext<Deal>();
  if (!deal) return null;
  return (
    <CardContent>
      <DealHeading />
      <Section title="crm.deals.show.summary">
        <DealSummary />
      </Section>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, lg: 6 }}>
          <Section title="crm.deals.history.title">
            <StageHistory pipelineId={deal.pipelineId} />
          </Section>
          <Section title="crm.deals.show.visits">
            <DealVisits />
          </Section>
          <Section title="crm.deals.show.tasks">
            <DealTasks deal={deal} />
          </Section>
        </Grid>
        <Grid size={{ xs: 12, lg: 6 }}>
          <Section title="crm.spaces.deal.title">
            <DealOnboarding deal={deal} />
            <DealSpaces deal={deal} />
          </Section>
          <Section title="crm.deals.show.activities">
            <DealActivities deal={deal} />
          </Section>
          <Section title="crm.deals.show.timeline">
            <Timeline entityType="deal" id={String(deal.id)} />
          </Section>
        </Grid>
      </Grid>
    </CardContent>
  );
}

/** A deal: its figures, stage history, visits, tasks, activities and timeline. */
export function DealShow() {
  return (
    <Show actions={<DealShowActions />}>
      <DealShowLayout />
    </Show>
  );
}
