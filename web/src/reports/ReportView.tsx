import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  LinearProgress,
  Stack,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Title, useLocaleState, useTranslate } from 'react-admin';
import { Link, useSearchParams } from 'react-router-dom';
import { apiResponse } from '../api/http';
import { formatDateTime } from '../common/format';
import { DownloadButtons } from './DownloadButtons';
import { REPORT_FILTERS, reportMessageKey, type FilterKey, type ReportKey } from './definitions';
import { FilterBar } from './FilterBar';
import { periodLabel, periodParams, periodQuery, readPeriod, type PeriodState } from './period';
import { ReportContent } from './ReportContent';

const OUTDATED_REFETCH_MS = 3000;

interface ReportAnswer {
  data: unknown;
  /** When the server computed the figures (Report-Computed-At). */
  computedAt: string | null;
  /** Data have changed since; the server is computing the report again (Report-Outdated). */
  outdated: boolean;
}

/** When the figures were computed, and whether newer ones are on their way. */
function AsOf({ answer }: { answer: ReportAnswer }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!answer.computedAt) return null;
  const time = formatDateTime(answer.computedAt, locale);
  return (
    <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
      {translate('crm.reports.computedAt', { time })}
      {answer.outdated ? ` · ${translate('crm.reports.updating')}` : ''}
    </Typography>
  );
}

/** One report: its filters (kept in the URL), a chart, the figures, and its CSV/XLSX downloads. */
export function ReportView({ report }: { report: ReportKey }) {
  const translate = useTranslate();
  const [params, setParams] = useSearchParams();
  const allowAll = report === 'targets';
  const period = readPeriod(params, allowAll ? 'all' : 'year');
  const filterKeys = REPORT_FILTERS[report];
  const values: Partial<Record<FilterKey, string>> = {};
  for (const key of filterKeys) {
    const value = params.get(key);
    if (value) values[key] = value;
  }
  const query = { ...periodQuery(period), ...values };

  const answer = useQuery({
    queryKey: ['reports', report, query],
    queryFn: async ({ signal }): Promise<ReportAnswer> => {
      const response = await apiResponse('GET', `/reports/${report}`, { query, signal });
      return {
        data: (await response.json()) as unknown,
        computedAt: response.headers.get('report-computed-at'),
        outdated: response.headers.get('report-outdated') === 'true',
      };
    },
    // An outdated answer is being computed again on the server: ask again until it is the new one.
    refetchInterval: (q) => (q.state.data?.outdated ? OUTDATED_REFETCH_MS : false),
  });

  const write = (next: PeriodState, nextValues: Partial<Record<FilterKey, string>>) => {
    const search = new URLSearchParams(periodParams(next));
    for (const [key, value] of Object.entries(nextValues)) if (value) search.set(key, value);
    setParams(search);
  };

  const name = translate(`crm.reports.names.${reportMessageKey(report)}`);
  const span = periodLabel(period);
  return (
    <Box sx={{ my: 2 }}>
      <Title title={name} />
      <Stack
        direction="row"
        spacing={2}
        useFlexGap
        sx={{ alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap' }}
      >
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Button component={Link} to="/reports" size="small" startIcon={<ArrowBackIcon />}>
            {translate('crm.reports.backToIndex')}
          </Button>
          <Typography variant="h5" component="h1">
            {span ? `${name} · ${span}` : name}
          </Typography>
        </Stack>
        <DownloadButtons path={`/reports/${report}`} query={query} />
      </Stack>
      <Typography color="text.secondary">
        {translate(`crm.reports.descriptions.${reportMessageKey(report)}`)}
      </Typography>
      <FilterBar
        period={period}
        filters={filterKeys}
        values={values}
        allowAll={allowAll}
        onPeriod={(next) => write(next, values)}
        onFilter={(key, value) => write(period, { ...values, [key]: value })}
      />
      <Card>
        <CardContent>
          {answer.isPending ? (
            <LinearProgress aria-label={translate('ra.page.loading')} />
          ) : answer.isError ? (
            <Alert severity="error">{translate(answer.error.message)}</Alert>
          ) : (
            <>
              <AsOf answer={answer.data} />
              <ReportContent report={report} data={answer.data.data} />
            </>
          )}
        </CardContent>
      </Card>
    </Box>
  );
}
