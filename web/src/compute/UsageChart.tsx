import { useState } from 'react';
import { useDataProvider, useLocaleState, useTranslate } from 'react-admin';
import { Box, Stack, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CrmDataProvider } from '../api/dataProvider';
import { beijingDay, formatNumber } from '../common/format';
import type { UsageReport } from './types';

export const USAGE_PERIODS = ['days30', 'days90', 'year'] as const;
export type UsagePeriod = (typeof USAGE_PERIODS)[number];

/** Adds days to a `YYYY-MM-DD` calendar day. */
function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The query of a period, in Beijing days: `to` is exclusive, as the API takes it. */
export function usageWindow(period: UsagePeriod, today = beijingDay(new Date())) {
  if (period === 'year') {
    const year = Number(today.slice(0, 4));
    return { from: `${year}-01-01`, to: `${year + 1}-01-01`, granularity: 'month' as const };
  }
  const days = period === 'days30' ? 30 : 90;
  return { from: addDays(today, 1 - days), to: addDays(today, 1), granularity: 'day' as const };
}

/** Every period of the window, each with its card-hours summed over resource types. */
function series(report: UsageReport): { period: string; cardHours: number }[] {
  const byPeriod = new Map<string, number>();
  for (const row of report.rows)
    byPeriod.set(row.periodStart, (byPeriod.get(row.periodStart) ?? 0) + Number(row.cardHours));
  const points: { period: string; cardHours: number }[] = [];
  for (let at = report.from; at < report.to;) {
    points.push({ period: at, cardHours: Math.round((byPeriod.get(at) ?? 0) * 100) / 100 });
    if (report.granularity === 'month') {
      const [year, month] = at.split('-').map(Number);
      at = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
    } else at = addDays(at, 1);
  }
  return points;
}

/** Card-hours used by day (last 30 or 90 days) or by month (this year), from the API's sums. */
export function UsageChart({ accountId }: { accountId: string }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const dataProvider = useDataProvider<CrmDataProvider>();
  const [period, setPeriod] = useState<UsagePeriod>('days30');
  const range = usageWindow(period);
  const usage = useQuery({
    queryKey: ['compute-usage', accountId, range],
    queryFn: () =>
      dataProvider.call<UsageReport>('GET', `/compute-accounts/${accountId}/usage`, {
        query: range,
      }),
  });
  const report = usage.data;
  const points = report ? series(report) : [];
  const total = report ? formatNumber(report.totalCardHours, locale, 2) : '';
  const label = report
    ? translate(`crm.compute.usage.label.${report.granularity}`, {
        from: report.from,
        to: addDays(report.to, -1),
        total,
      })
    : '';
  const tick = (value: string) => (period === 'year' ? value.slice(0, 7) : value.slice(5));
  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={period}
          onChange={(_, value: UsagePeriod | null) => value && setPeriod(value)}
          aria-label={translate('crm.compute.usage.period')}
        >
          {USAGE_PERIODS.map((value) => (
            <ToggleButton key={value} value={value}>
              {translate(`crm.compute.usage.periods.${value}`)}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        {report ? (
          <Typography variant="body2" data-testid="usage-total">
            {translate('crm.compute.usage.total', { total })}
          </Typography>
        ) : null}
      </Stack>
      {report ? (
        <Box role="img" aria-label={label} sx={{ width: '100%', height: 260 }}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={points} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="period" tickFormatter={tick} minTickGap={12} />
              <YAxis width={64} />
              <Tooltip
                formatter={(value) => [
                  `${formatNumber(Number(value), locale, 2)} ${translate('crm.compute.usage.unit')}`,
                  translate('crm.compute.usage.used'),
                ]}
              />
              <Bar dataKey="cardHours" fill="#1565c0" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </Box>
      ) : null}
    </Stack>
  );
}
