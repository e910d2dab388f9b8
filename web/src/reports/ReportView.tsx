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
import { Title, useDataProvider, useTranslate } from 'react-admin';
import { Link, useSearchParams } from 'react-router-dom';
import type { CrmDataProvider } from '../api/dataProvider';
import { DownloadButtons } from './DownloadButtons';
import { REPORT_FILTERS, reportMessageKey, type FilterKey, type ReportKey } from './definitions';
import { FilterBar } from './FilterBar';
import { periodLabel, periodParams, periodQuery, readPeriod, type PeriodState } from './period';
import { ReportContent } from './ReportContent';

/** One report: its filters (kept in the URL), a chart, the figures, and its CSV/XLSX downloads. */
export function ReportView({ report }: { report: ReportKey }) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<CrmDataProvider>();
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
    queryFn: ({ signal }) =>
      dataProvider.call<unknown>('GET', `/reports/${report}`, { query, signal }),
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
            <ReportContent report={report} data={answer.data} />
          )}
        </CardContent>
      </Card>
    </Box>
  );
}
