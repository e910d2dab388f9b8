import { Box, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { formatArea, formatMoney, formatNumber } from '../common/format';
import {
  ComputeUsageChart,
  ForecastChart,
  FunnelChart,
  SiteVisitsChart,
  SourcesChart,
  stageName,
  VelocityChart,
} from './charts';
import { reportMessageKey, type ReportKey } from './definitions';
import { FigureTable, type FigureColumn } from './FigureTable';
import { formatDays, formatRate, formatTargetFigure } from './format';
import { OnTrackChip, TargetProgressList, targetName } from './TargetProgressList';
import type {
  ComputeUsageReport,
  ForecastReport,
  FunnelReport,
  SiteVisitsReport,
  SourcesReport,
  TargetsReport,
  TeamReport,
  VelocityReport,
} from './types';

/** Columns of a table of `rows`: `columnsOf(rows)('reached', (row) => …)`. */
const columnsOf =
  <T,>(_rows: readonly T[]) =>
  (key: string, render: (row: T) => ReactNode, numeric = true): FigureColumn<T> => ({
    key,
    label: `crm.reports.columns.${key}`,
    render,
    numeric,
  });

function Section({ title, children }: { title: string; children: ReactNode }) {
  const translate = useTranslate();
  return (
    <Box component="section" sx={{ mt: 3 }}>
      <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
        {translate(title)}
      </Typography>
      {children}
    </Box>
  );
}

/** Key figures above a table: a few labelled numbers. */
function Figures({ items }: { items: [string, string][] }) {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={4} sx={{ flexWrap: 'wrap', my: 1 }}>
      {items.map(([label, value]) => (
        <Box key={label} role="group" aria-label={translate(label)}>
          <Typography variant="caption" color="text.secondary" component="p">
            {translate(label)}
          </Typography>
          <Typography variant="h6" component="p">
            {value}
          </Typography>
        </Box>
      ))}
    </Stack>
  );
}

/** The chart and the table of one report's answer. */
export function ReportContent({ report, data }: { report: ReportKey; data: unknown }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const tableLabel = translate('crm.reports.tableOf', {
    name: translate(`crm.reports.names.${reportMessageKey(report)}`),
  });
  const n = (value: number | string | null | undefined, digits = 0) =>
    formatNumber(value, locale, digits);

  switch (report) {
    case 'funnel': {
      const { stages } = data as FunnelReport;
      return (
        <>
          <FunnelChart stages={stages} />
          <Section title="crm.reports.figures">
            <FigureTable
              label={tableLabel}
              rows={stages}
              rowKey={(s) => s.stageId}
              columns={[
                columnsOf(stages)('stage', (s) => stageName(s, locale), false),
                columnsOf(stages)('reached', (s) => n(s.reached)),
                columnsOf(stages)('conversionToNext', (s) =>
                  formatRate(s.conversionToNext, locale),
                ),
                columnsOf(stages)('conversionFromFirst', (s) =>
                  formatRate(s.conversionFromFirst, locale),
                ),
                columnsOf(stages)('expectedInvestment', (s) =>
                  formatMoney(s.expectedInvestment, locale),
                ),
                columnsOf(stages)('expectedArea', (s) => formatArea(s.expectedArea, locale)),
                columnsOf(stages)('expectedComputeCardHours', (s) => n(s.expectedComputeCardHours)),
              ]}
            />
          </Section>
        </>
      );
    }
    case 'velocity': {
      const velocity = data as VelocityReport;
      return (
        <>
          <VelocityChart report={velocity} />
          <Section title="crm.reports.figures">
            <FigureTable
              label={tableLabel}
              rows={velocity.stages}
              rowKey={(s) => s.stageId}
              columns={[
                columnsOf(velocity.stages)('stage', (s) => stageName(s, locale), false),
                columnsOf(velocity.stages)('stays', (s) => n(s.stays)),
                columnsOf(velocity.stages)('medianDays', (s) => formatDays(s.medianDays, locale)),
                columnsOf(velocity.stages)('p90Days', (s) => formatDays(s.p90Days, locale)),
                columnsOf(velocity.stages)('slaDays', (s) => n(s.slaDays)),
                columnsOf(velocity.stages)('openNow', (s) => n(s.openNow)),
                columnsOf(velocity.stages)('overSlaNow', (s) => n(s.overSlaNow)),
              ]}
            />
          </Section>
          <Section title="crm.reports.cycleTimes">
            <FigureTable
              label={translate('crm.reports.cycleTimes')}
              rows={velocity.cycleTimes}
              rowKey={(c) => c.to}
              columns={[
                columnsOf(velocity.cycleTimes)(
                  'to',
                  (c) => translate(`crm.reports.cycleTo.${c.to}`),
                  false,
                ),
                columnsOf(velocity.cycleTimes)('deals', (c) => n(c.deals)),
                columnsOf(velocity.cycleTimes)('medianDays', (c) =>
                  formatDays(c.medianDays, locale),
                ),
                columnsOf(velocity.cycleTimes)('p90Days', (c) => formatDays(c.p90Days, locale)),
              ]}
            />
          </Section>
        </>
      );
    }
    case 'forecast': {
      const forecast = data as ForecastReport;
      return (
        <>
          <Figures
            items={[
              ['crm.reports.columns.availableArea', formatArea(forecast.availableArea, locale)],
              ['crm.reports.columns.computeRemaining', n(forecast.computeRemainingCardHours, 2)],
            ]}
          />
          <ForecastChart report={forecast} />
          <Section title="crm.reports.figures">
            <FigureTable
              label={tableLabel}
              rows={forecast.buckets}
              rowKey={(b) => b.periodStart}
              columns={[
                columnsOf(forecast.buckets)('periodStart', (b) => b.periodStart.slice(0, 7), false),
                columnsOf(forecast.buckets)('deals', (b) => n(b.deals)),
                columnsOf(forecast.buckets)('weightedSignings', (b) => n(b.weightedSignings, 2)),
                columnsOf(forecast.buckets)('weightedMoveIns', (b) => n(b.weightedMoveIns, 2)),
                columnsOf(forecast.buckets)('weightedArea', (b) =>
                  formatArea(b.weightedArea, locale),
                ),
                columnsOf(forecast.buckets)('weightedComputeCardHours', (b) =>
                  n(b.weightedComputeCardHours, 2),
                ),
                columnsOf(forecast.buckets)('weightedInvestment', (b) =>
                  formatMoney(b.weightedInvestment, locale),
                ),
              ]}
            />
          </Section>
        </>
      );
    }
    case 'sources': {
      const { rows } = data as SourcesReport;
      return (
        <>
          <SourcesChart report={data as SourcesReport} />
          <Section title="crm.reports.figures">
            <FigureTable
              label={tableLabel}
              rows={rows}
              rowKey={(r) => r.source}
              columns={[
                columnsOf(rows)(
                  'source',
                  (r) => translate(`crm.enums.leadSource.${r.source}`),
                  false,
                ),
                columnsOf(rows)('leads', (r) => n(r.leads)),
                columnsOf(rows)('qualified', (r) => n(r.qualified)),
                columnsOf(rows)('converted', (r) => n(r.converted)),
                columnsOf(rows)('disqualified', (r) => n(r.disqualified)),
                columnsOf(rows)('conversionRate', (r) => formatRate(r.conversionRate, locale)),
                columnsOf(rows)('signed', (r) => n(r.signed)),
              ]}
            />
          </Section>
        </>
      );
    }
    case 'site-visits': {
      const visits = data as SiteVisitsReport;
      const s = visits.summary;
      return (
        <>
          <Figures
            items={[
              ['crm.reports.columns.visits', n(s.visits)],
              ['crm.reports.columns.completionRate', formatRate(s.completionRate, locale)],
              ['crm.reports.columns.noShowRate', formatRate(s.noShowRate, locale)],
              [
                'crm.reports.columns.visitedToSignedRate',
                formatRate(s.visitedToSignedRate, locale),
              ],
            ]}
          />
          <SiteVisitsChart report={visits} />
          <Section title="crm.reports.figures">
            <FigureTable
              label={tableLabel}
              rows={visits.hosts}
              rowKey={(r) => `${r.hostId}-${r.placeType}-${r.place}`}
              columns={[
                columnsOf(visits.hosts)('host', (r) => r.hostName, false),
                columnsOf(visits.hosts)(
                  'placeType',
                  (r) => translate(`crm.enums.placeType.${r.placeType}`),
                  false,
                ),
                columnsOf(visits.hosts)('place', (r) => r.place, false),
                columnsOf(visits.hosts)('visits', (r) => n(r.visits)),
                columnsOf(visits.hosts)('completed', (r) => n(r.completed)),
                columnsOf(visits.hosts)('noShows', (r) => n(r.noShows)),
                columnsOf(visits.hosts)('cancelled', (r) => n(r.cancelled)),
              ]}
            />
          </Section>
        </>
      );
    }
    case 'team': {
      const { rows } = data as TeamReport;
      return (
        <Section title="crm.reports.figures">
          <FigureTable
            label={tableLabel}
            rows={rows}
            rowKey={(r) => r.userId}
            columns={[
              columnsOf(rows)('promoter', (r) => r.displayName, false),
              columnsOf(rows)('leads', (r) => n(r.leads)),
              columnsOf(rows)('visits', (r) => n(r.visits)),
              columnsOf(rows)('stageMoves', (r) => n(r.stageMoves)),
              columnsOf(rows)('signings', (r) => n(r.signings)),
              columnsOf(rows)('overdueTasks', (r) => n(r.overdueTasks)),
            ]}
          />
        </Section>
      );
    }
    case 'targets': {
      const { targets } = data as TargetsReport;
      const figure = (metric: string, value: string | null) =>
        formatTargetFigure(metric, value, locale);
      return (
        <>
          <TargetProgressList targets={targets} />
          <Section title="crm.reports.figures">
            <FigureTable
              label={tableLabel}
              rows={targets}
              rowKey={(t) => t.id}
              columns={[
                columnsOf(targets)('target', (t) => targetName(t, locale), false),
                columnsOf(targets)(
                  'metric',
                  (t) => translate(`crm.reports.metrics.${t.metric}`),
                  false,
                ),
                columnsOf(targets)('period', (t) => `${t.periodStart} – ${t.periodEnd}`, false),
                columnsOf(targets)('value', (t) => figure(t.metric, t.value)),
                columnsOf(targets)('actual', (t) => figure(t.metric, t.actual)),
                columnsOf(targets)('progress', (t) => formatRate(t.progress, locale)),
                columnsOf(targets)('elapsed', (t) => formatRate(t.elapsed, locale)),
                columnsOf(targets)('neededPerMonth', (t) => figure(t.metric, t.neededPerMonth)),
                columnsOf(targets)('onTrack', (t) => <OnTrackChip target={t} />, false),
              ]}
            />
          </Section>
        </>
      );
    }
    case 'compute-usage': {
      const usage = data as ComputeUsageReport;
      return (
        <>
          <ComputeUsageChart report={usage} />
          <Section title="crm.reports.figures">
            <FigureTable
              label={tableLabel}
              rows={usage.months}
              rowKey={(r) => r.month}
              columns={[
                columnsOf(usage.months)('month', (r) => r.month, false),
                columnsOf(usage.months)('cardHours', (r) => n(r.cardHours, 2)),
                columnsOf(usage.months)('accounts', (r) => n(r.accounts)),
              ]}
            />
          </Section>
          <Section title="crm.reports.tenants">
            <FigureTable
              label={translate('crm.reports.tenants')}
              rows={usage.tenants}
              rowKey={(r) => r.companyId}
              columns={[
                columnsOf(usage.tenants)('company', (r) => r.companyName, false),
                columnsOf(usage.tenants)(
                  'accountStatus',
                  (r) => translate(`crm.reports.accountStatus.${r.accountStatus}`),
                  false,
                ),
                columnsOf(usage.tenants)('subsidyAllocated', (r) => n(r.subsidyAllocated, 2)),
                columnsOf(usage.tenants)('subsidyConsumed', (r) => n(r.subsidyConsumed, 2)),
                columnsOf(usage.tenants)('subsidyRemaining', (r) => n(r.subsidyRemaining, 2)),
                columnsOf(usage.tenants)('usedInPeriod', (r) => n(r.usedInPeriod, 2)),
              ]}
            />
          </Section>
        </>
      );
    }
  }
}
