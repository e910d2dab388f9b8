import { MenuItem, Stack, TextField } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useGetList, useLocaleState, useTranslate } from 'react-admin';
import type { CrmDataProvider } from '../api/dataProvider';
import { AI_SEGMENTS, LEAD_SOURCES } from '../common/enums';
import { beijingDay } from '../common/format';
import type { FilterKey } from './definitions';
import { addDays, PERIOD_MODES, type PeriodMode, type PeriodState } from './period';
import type { Pipeline } from './types';

export const yearChoices = (around: number, selected?: number) => {
  const years = Array.from({ length: 11 }, (_, i) => around - 6 + i);
  if (selected && !years.includes(selected)) years.push(selected);
  return years.sort((a, b) => a - b);
};

const SELECT_SX = { minWidth: 140 };

/**
 * A report's period and filters. Every change goes to the URL's query (`onChange` writes it), so a
 * view can be shared by its link.
 */
export function FilterBar({
  period,
  filters,
  values,
  allowAll,
  onPeriod,
  onFilter,
}: {
  period: PeriodState;
  filters: FilterKey[];
  values: Partial<Record<FilterKey, string>>;
  allowAll: boolean;
  onPeriod: (period: PeriodState) => void;
  onFilter: (key: FilterKey, value: string) => void;
}) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const dataProvider = useDataProvider<CrmDataProvider>();
  const thisYear = Number(beijingDay(new Date()).slice(0, 4));
  const pipelines = useQuery({
    queryKey: ['pipelines', 'all'],
    enabled: filters.includes('pipelineId'),
    queryFn: () => dataProvider.call<Pipeline[]>('GET', '/pipelines'),
  });
  const users = useGetList(
    'users',
    { pagination: { page: 1, perPage: 200 }, sort: { field: 'displayName', order: 'ASC' } },
    { enabled: filters.includes('ownerId') },
  );
  const modes = PERIOD_MODES.filter((mode) => allowAll || mode !== 'all');
  const select = (
    key: FilterKey,
    choices: { id: string; name: string }[],
    allLabel = 'crm.common.all',
  ) => (
    <TextField
      fullWidth={false}
      key={key}
      select
      size="small"
      label={translate(`crm.reports.filters.${key}`)}
      value={values[key] ?? (key === 'granularity' ? 'month' : '')}
      onChange={(event) => onFilter(key, event.target.value)}
      sx={SELECT_SX}
      slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
    >
      {key !== 'granularity' ? <MenuItem value="">{translate(allLabel)}</MenuItem> : null}
      {choices.map((choice) => (
        <MenuItem key={choice.id} value={choice.id}>
          {choice.name}
        </MenuItem>
      ))}
    </TextField>
  );
  return (
    <Stack
      direction="row"
      spacing={2}
      useFlexGap
      sx={{ flexWrap: 'wrap', alignItems: 'center', my: 2 }}
      role="search"
      aria-label={translate('crm.reports.filters.label')}
    >
      <TextField
        fullWidth={false}
        select
        size="small"
        label={translate('crm.reports.filters.period')}
        value={period.mode}
        onChange={(event) => onPeriod({ ...period, mode: event.target.value as PeriodMode })}
        sx={SELECT_SX}
      >
        {modes.map((mode) => (
          <MenuItem key={mode} value={mode}>
            {translate(`crm.reports.periodModes.${mode}`)}
          </MenuItem>
        ))}
      </TextField>
      {period.mode === 'year' || period.mode === 'quarter' || period.mode === 'month' ? (
        <TextField
          fullWidth={false}
          select
          size="small"
          label={translate('crm.reports.filters.year')}
          value={period.year}
          onChange={(event) => onPeriod({ ...period, year: Number(event.target.value) })}
          sx={{ minWidth: 100 }}
        >
          {yearChoices(thisYear, period.year).map((year) => (
            <MenuItem key={year} value={year}>
              {year}
            </MenuItem>
          ))}
        </TextField>
      ) : null}
      {period.mode === 'quarter' ? (
        <TextField
          fullWidth={false}
          select
          size="small"
          label={translate('crm.reports.filters.quarter')}
          value={period.quarter}
          onChange={(event) => onPeriod({ ...period, quarter: Number(event.target.value) })}
          sx={{ minWidth: 100 }}
        >
          {[1, 2, 3, 4].map((quarter) => (
            <MenuItem key={quarter} value={quarter}>
              {translate('crm.reports.quarterN', { n: quarter })}
            </MenuItem>
          ))}
        </TextField>
      ) : null}
      {period.mode === 'month' ? (
        <TextField
          fullWidth={false}
          select
          size="small"
          label={translate('crm.reports.filters.month')}
          value={period.month}
          onChange={(event) => onPeriod({ ...period, month: Number(event.target.value) })}
          sx={{ minWidth: 100 }}
        >
          {Array.from({ length: 12 }, (_, i) => i + 1).map((month) => (
            <MenuItem key={month} value={month}>
              {translate('crm.reports.monthN', { n: month })}
            </MenuItem>
          ))}
        </TextField>
      ) : null}
      {period.mode === 'custom' ? (
        <>
          <TextField
            fullWidth={false}
            type="date"
            size="small"
            label={translate('crm.reports.filters.from')}
            value={period.from}
            onChange={(event) =>
              event.target.value && onPeriod({ ...period, from: event.target.value })
            }
            slotProps={{ inputLabel: { shrink: true } }}
          />
          <TextField
            fullWidth={false}
            type="date"
            size="small"
            label={translate('crm.reports.filters.to')}
            value={addDays(period.to, -1)}
            onChange={(event) =>
              event.target.value && onPeriod({ ...period, to: addDays(event.target.value, 1) })
            }
            slotProps={{ inputLabel: { shrink: true } }}
          />
        </>
      ) : null}
      {filters.includes('pipelineId')
        ? select(
            'pipelineId',
            (pipelines.data ?? []).map((p) => ({
              id: p.id,
              name: locale === 'en' && p.nameEn ? p.nameEn : p.name,
            })),
            'crm.reports.filters.defaultPipeline',
          )
        : null}
      {filters.includes('ownerId')
        ? select(
            'ownerId',
            (users.data ?? []).map((u) => ({ id: String(u.id), name: String(u.displayName) })),
          )
        : null}
      {filters.includes('source')
        ? select(
            'source',
            LEAD_SOURCES.map((id) => ({ id, name: translate(`crm.enums.leadSource.${id}`) })),
          )
        : null}
      {filters.includes('aiSegment')
        ? select(
            'aiSegment',
            AI_SEGMENTS.map((id) => ({ id, name: translate(`crm.enums.aiSegment.${id}`) })),
          )
        : null}
      {filters.includes('granularity')
        ? select(
            'granularity',
            ['month', 'quarter'].map((id) => ({
              id,
              name: translate(`crm.reports.granularity.${id}`),
            })),
          )
        : null}
    </Stack>
  );
}
