import { Box } from '@mui/material';
import type { ReactNode } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatNumber } from '../common/format';
import { formatDays, formatRate } from './format';
import type {
  ComputeUsageReport,
  ForecastReport,
  FunnelStage,
  SiteVisitsReport,
  SourcesReport,
  VelocityReport,
} from './types';

const COLORS = ['#1565c0', '#6a1b9a', '#2e7d32', '#c62828', '#ef6c00'];

export const stageName = (stage: { name: string; nameEn: string | null }, locale: string) =>
  locale === 'en' && stage.nameEn ? stage.nameEn : stage.name;

/** A chart with an accessible name that states its figures (the table beside it has them all). */
function ChartBox({
  label,
  height = 280,
  children,
}: {
  label: string;
  height?: number;
  children: ReactNode;
}) {
  return (
    <Box role="img" aria-label={label} sx={{ width: '100%', height }}>
      <ResponsiveContainer width="100%" height="100%">
        {children as React.ReactElement}
      </ResponsiveContainer>
    </Box>
  );
}

/** Deals reaching each stage, with the conversion to the next one on each bar. */
export function FunnelChart({ stages, height }: { stages: FunnelStage[]; height?: number }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const data = stages
    .filter((stage) => stage.kind !== 'lost')
    .map((stage) => ({
      name: stageName(stage, locale),
      reached: stage.reached,
      conversion: stage.conversionToNext === null ? '' : formatRate(stage.conversionToNext, locale),
    }));
  const label = translate('crm.reports.charts.funnel', {
    figures: data.map((d) => `${d.name} ${d.reached}`).join(', '),
  });
  return (
    <ChartBox label={label} height={height}>
      <BarChart
        data={data}
        layout="vertical"
        margin={{ left: 16, right: 48 }}
        accessibilityLayer={false}
      >
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" allowDecimals={false} />
        <YAxis type="category" dataKey="name" width={110} />
        <Tooltip />
        <Bar
          dataKey="reached"
          name={translate('crm.reports.columns.reached')}
          fill={COLORS[0]}
          isAnimationActive={false}
        >
          <LabelList dataKey="conversion" position="right" fill="#333" />
        </Bar>
      </BarChart>
    </ChartBox>
  );
}

/** Median and p90 days in each stage. */
export function VelocityChart({ report }: { report: VelocityReport }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const data = report.stages.map((stage) => ({
    name: stageName(stage, locale),
    median: stage.medianDays,
    p90: stage.p90Days,
  }));
  const label = translate('crm.reports.charts.velocity', {
    figures: data
      .map((d) => `${d.name} ${formatDays(d.median, locale)}/${formatDays(d.p90, locale)}`)
      .join(', '),
  });
  return (
    <ChartBox label={label}>
      <BarChart data={data} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="name" />
        <YAxis />
        <Tooltip />
        <Legend />
        <Bar
          dataKey="median"
          name={translate('crm.reports.columns.medianDays')}
          fill={COLORS[0]}
          isAnimationActive={false}
        />
        <Bar
          dataKey="p90"
          name={translate('crm.reports.columns.p90Days')}
          fill={COLORS[1]}
          isAnimationActive={false}
        />
      </BarChart>
    </ChartBox>
  );
}

/** Weighted move-ins by month or quarter: signings still to come on top of firms already signed. */
export function ForecastChart({ report, height }: { report: ForecastReport; height?: number }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const data = report.buckets.map((bucket) => {
    const signings = bucket.weightedSignings ?? 0;
    return {
      period:
        report.granularity === 'quarter'
          ? `${bucket.periodStart.slice(0, 4)} Q${Math.ceil(Number(bucket.periodStart.slice(5, 7)) / 3)}`
          : bucket.periodStart.slice(0, 7),
      toSign: signings,
      signed: Math.round((bucket.weightedMoveIns - signings) * 100) / 100,
      moveIns: bucket.weightedMoveIns,
    };
  });
  const label = translate('crm.reports.charts.forecast', {
    figures: data.map((d) => `${d.period} ${formatNumber(d.moveIns, locale, 2)}`).join(', '),
  });
  return (
    <ChartBox label={label} height={height}>
      <BarChart data={data} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="period" />
        <YAxis />
        <Tooltip />
        <Legend />
        <Bar
          dataKey="signed"
          stackId="moveIns"
          name={translate('crm.reports.charts.alreadySigned')}
          fill={COLORS[2]}
          isAnimationActive={false}
        />
        <Bar
          dataKey="toSign"
          stackId="moveIns"
          name={translate('crm.reports.columns.weightedSignings')}
          fill={COLORS[0]}
          isAnimationActive={false}
        />
      </BarChart>
    </ChartBox>
  );
}

/** Leads by source, and how many converted. */
export function SourcesChart({ report }: { report: SourcesReport }) {
  const translate = useTranslate();
  const data = report.rows.map((row) => ({
    name: translate(`crm.enums.leadSource.${row.source}`),
    leads: row.leads,
    converted: row.converted,
  }));
  const label = translate('crm.reports.charts.sources', {
    figures: data.map((d) => `${d.name} ${d.leads}/${d.converted}`).join(', '),
  });
  return (
    <ChartBox label={label}>
      <BarChart data={data} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="name" />
        <YAxis allowDecimals={false} />
        <Tooltip />
        <Legend />
        <Bar
          dataKey="leads"
          name={translate('crm.reports.columns.leads')}
          fill={COLORS[0]}
          isAnimationActive={false}
        />
        <Bar
          dataKey="converted"
          name={translate('crm.reports.columns.converted')}
          fill={COLORS[2]}
          isAnimationActive={false}
        />
      </BarChart>
    </ChartBox>
  );
}

/** Visits per week, by outcome. */
export function SiteVisitsChart({ report }: { report: SiteVisitsReport }) {
  const translate = useTranslate();
  const data = report.weeks.map((row) => ({
    week: row.weekStart,
    completed: row.completed,
    noShows: row.noShows,
    cancelled: row.cancelled,
    other: row.visits - row.completed - row.noShows - row.cancelled,
  }));
  const label = translate('crm.reports.charts.siteVisits', {
    figures: data
      .map((d) => `${d.week} ${d.completed + d.noShows + d.cancelled + d.other}`)
      .join(', '),
  });
  const bar = (key: string, color: string, name: string) => (
    <Bar
      dataKey={key}
      stackId="visits"
      name={translate(name)}
      fill={color}
      isAnimationActive={false}
    />
  );
  return (
    <ChartBox label={label}>
      <BarChart data={data} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="week" tickFormatter={(week: string) => week.slice(5)} />
        <YAxis allowDecimals={false} />
        <Tooltip />
        <Legend />
        {bar('completed', COLORS[2], 'crm.reports.columns.completed')}
        {bar('noShows', COLORS[3], 'crm.reports.columns.noShows')}
        {bar('cancelled', '#757575', 'crm.reports.columns.cancelled')}
        {bar('other', COLORS[0], 'crm.reports.charts.scheduled')}
      </BarChart>
    </ChartBox>
  );
}

/** Card-hours used by month over all tenants. */
export function ComputeUsageChart({ report }: { report: ComputeUsageReport }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const data = report.months.map((row) => ({ month: row.month, cardHours: Number(row.cardHours) }));
  const label = translate('crm.reports.charts.computeUsage', {
    figures: data.map((d) => `${d.month} ${formatNumber(d.cardHours, locale, 2)}`).join(', '),
  });
  return (
    <ChartBox label={label}>
      <AreaChart data={data} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="month" />
        <YAxis width={72} />
        <Tooltip />
        <Area
          type="monotone"
          dataKey="cardHours"
          name={translate('crm.reports.columns.cardHours')}
          stroke={COLORS[0]}
          fill="#90caf9"
          isAnimationActive={false}
        />
      </AreaChart>
    </ChartBox>
  );
}
