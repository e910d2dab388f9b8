import AddIcon from '@mui/icons-material/Add';
import EditIcon from '@mui/icons-material/Edit';
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
import { Title, useCanAccess, useDataProvider, useLocaleState, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import type { CrmDataProvider } from '../api/dataProvider';
import { FigureTable, type FigureColumn } from './FigureTable';
import { formatRate, formatTargetFigure } from './format';
import { OnTrackChip, targetName } from './TargetProgressList';
import type { TargetProgress, TargetsReport } from './types';

/** The park's targets with their progress (everyone on staff); admins add and edit them. */
export function TargetList() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const dataProvider = useDataProvider<CrmDataProvider>();
  const { canAccess: canCreate } = useCanAccess({ resource: 'targets', action: 'create' });
  const { canAccess: canEdit } = useCanAccess({ resource: 'targets', action: 'edit' });
  // reports/targets without a period: every target, with its actual figure and pace.
  const progress = useQuery({
    queryKey: ['targets', 'progress'],
    queryFn: () => dataProvider.call<TargetsReport>('GET', '/reports/targets'),
  });
  const figure = (t: TargetProgress, value: string | null) =>
    formatTargetFigure(t.metric, value, locale);
  const columns: FigureColumn<TargetProgress>[] = [
    { key: 'name', label: 'resources.targets.fields.name', render: (t) => targetName(t, locale) },
    {
      key: 'metric',
      label: 'resources.targets.fields.metric',
      render: (t) => translate(`crm.reports.metrics.${t.metric}`),
    },
    {
      key: 'period',
      label: 'crm.reports.columns.period',
      render: (t) => `${t.periodStart} – ${t.periodEnd}`,
    },
    {
      key: 'value',
      label: 'resources.targets.fields.value',
      numeric: true,
      render: (t) =>
        `${translate(`crm.reports.comparisons.${t.comparison}`)} ${figure(t, t.value)}`,
    },
    {
      key: 'actual',
      label: 'crm.reports.columns.actual',
      numeric: true,
      render: (t) => figure(t, t.actual),
    },
    {
      key: 'progress',
      label: 'crm.reports.columns.progress',
      render: (t) => (
        <Stack spacing={0.5} sx={{ minWidth: 120 }}>
          <Typography variant="body2">{formatRate(t.progress, locale)}</Typography>
          <LinearProgress
            variant="determinate"
            value={Math.min((t.progress ?? 0) * 100, 100)}
            aria-label={translate('crm.reports.targets.progressOf', {
              name: targetName(t, locale),
              progress: formatRate(t.progress, locale),
            })}
          />
        </Stack>
      ),
    },
    {
      key: 'onTrack',
      label: 'crm.reports.columns.onTrack',
      render: (t) => <OnTrackChip target={t} />,
    },
  ];
  if (canEdit)
    columns.push({
      key: 'edit',
      label: 'crm.reports.columns.actions',
      render: (t) => (
        <Button
          component={Link}
          to={`/targets/${t.id}`}
          size="small"
          startIcon={<EditIcon />}
          aria-label={translate('crm.reports.targets.editOne', { name: targetName(t, locale) })}
        >
          {translate('ra.action.edit')}
        </Button>
      ),
    });
  return (
    <Box sx={{ my: 2 }}>
      <Title title={translate('resources.targets.name', { smart_count: 2 })} />
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 2 }}>
        <Typography variant="h5" component="h1">
          {translate('resources.targets.name', { smart_count: 2 })}
        </Typography>
        {canCreate ? (
          <Button component={Link} to="/targets/create" variant="contained" startIcon={<AddIcon />}>
            {translate('ra.action.create')}
          </Button>
        ) : null}
      </Stack>
      <Card>
        <CardContent>
          {progress.isPending ? (
            <LinearProgress aria-label={translate('ra.page.loading')} />
          ) : progress.isError ? (
            <Alert severity="error">{translate(progress.error.message)}</Alert>
          ) : (
            <FigureTable
              label={translate('resources.targets.name', { smart_count: 2 })}
              rows={progress.data.targets}
              rowKey={(t) => t.id}
              columns={columns}
            />
          )}
        </CardContent>
      </Card>
    </Box>
  );
}
