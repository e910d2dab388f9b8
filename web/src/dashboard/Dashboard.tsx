import {
  Box,
  Card,
  CardActionArea,
  CardContent,
  Grid,
  LinearProgress,
  List,
  ListItem,
  ListItemButton,
  ListItemText,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import {
  Title,
  useCanAccess,
  useDataProvider,
  useGetIdentity,
  useLocaleState,
  useTranslate,
} from 'react-admin';
import { Link } from 'react-router-dom';
import type { CrmDataProvider } from '../api/dataProvider';
import type { Board, SiteVisit, Task } from '../api/types';
import {
  beijingDay,
  beijingInstant,
  formatDateTime,
  formatMoney,
  formatNumber,
} from '../common/format';
import { ForecastChart, FunnelChart, stageName } from '../reports/charts';
import { TargetProgressList } from '../reports/TargetProgressList';
import type { ForecastReport, FunnelReport, Overview, VelocityReport } from '../reports/types';

interface Page<T> {
  data: T[];
  total?: number;
}

/** The park's headline figures (reports/overview), each a labelled group. */
function HeadlineFigures({ overview }: { overview: Overview }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const figures: [string, string][] = [
    ['openDeals', formatNumber(overview.openDeals, locale)],
    ['weightedPipelineInvestment', formatMoney(overview.weightedPipelineInvestment, locale)],
    ['signedThisYear', formatNumber(overview.signedThisYear, locale)],
    ['tenants', formatNumber(overview.tenants, locale)],
    ['visitsThisMonth', formatNumber(overview.visitsThisMonth, locale)],
    ['overdueTasks', formatNumber(overview.overdueTasks, locale)],
    ['activeComputeAccounts', formatNumber(overview.activeComputeAccounts, locale)],
    ['cardHoursThisMonth', formatNumber(overview.cardHoursThisMonth, locale, 2)],
  ];
  return (
    <Grid container spacing={2}>
      {figures.map(([key, value]) => (
        <Grid key={key} size={{ xs: 6, sm: 3 }}>
          <Box role="group" aria-label={translate(`crm.dashboard.figures.${key}`)}>
            <Typography variant="body2" color="text.secondary" component="p">
              {translate(`crm.dashboard.figures.${key}`)}
            </Typography>
            <Typography variant="h5" component="p" data-figure={key}>
              {value}
            </Typography>
          </Box>
        </Grid>
      ))}
    </Grid>
  );
}

/** What a promoter looks at first: their pipeline by stage, their overdue tasks, today's visits. */
export function Dashboard() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { identity } = useGetIdentity();
  const dataProvider = useDataProvider<CrmDataProvider>();
  const me = identity?.id ? String(identity.id) : undefined;
  // A promoter watches their own deals; managers and viewers the park's whole pipeline.
  const ownDeals = identity?.role === 'promoter';
  const today = beijingDay(new Date());

  const board = useQuery({
    queryKey: ['dashboard', 'board', me, ownDeals],
    enabled: !!me,
    queryFn: () =>
      dataProvider.call<Board>('GET', '/deals/board', {
        query: { ownerId: ownDeals ? me : undefined, cards: 1 },
      }),
  });
  const overdue = useQuery({
    queryKey: ['dashboard', 'overdue', me],
    enabled: !!me,
    queryFn: () =>
      dataProvider.call<Page<Task>>('GET', '/tasks', {
        query: {
          assigneeId: me,
          status: 'open',
          overdue: true,
          sort: 'dueAt',
          limit: 5,
          withTotal: true,
        },
      }),
  });
  const visits = useQuery({
    queryKey: ['dashboard', 'visits', me, today],
    enabled: !!me,
    queryFn: () =>
      dataProvider.call<Page<SiteVisit>>('GET', '/site-visits', {
        query: {
          hostId: me,
          from: beijingInstant(today),
          to: new Date(Date.parse(beijingInstant(today)) + 86_400_000).toISOString(),
          limit: 10,
        },
      }),
  });

  // Every member of staff may read the reports; the API's rules decide.
  const { canAccess: canReadReports } = useCanAccess({ resource: 'reports', action: 'read' });
  const year = Number(today.slice(0, 4));
  const reports = !!me && !!canReadReports;
  const overview = useQuery({
    queryKey: ['dashboard', 'overview'],
    enabled: reports,
    queryFn: () => dataProvider.call<Overview>('GET', '/reports/overview'),
  });
  const funnel = useQuery({
    queryKey: ['dashboard', 'funnel', year],
    enabled: reports,
    queryFn: () => dataProvider.call<FunnelReport>('GET', '/reports/funnel', { query: { year } }),
  });
  // The forecast looks ahead: the twelve months from this one (as the leadership pack does).
  const ahead = {
    from: `${today.slice(0, 7)}-01`,
    to: `${year + 1}-${today.slice(5, 7)}-01`,
  };
  const forecast = useQuery({
    queryKey: ['dashboard', 'forecast', ahead.from],
    enabled: reports,
    queryFn: () => dataProvider.call<ForecastReport>('GET', '/reports/forecast', { query: ahead }),
  });
  // My deals past their stage's SLA now: the velocity report's count per stage, for my deals.
  const overSla = useQuery({
    queryKey: ['dashboard', 'over-sla', me, year],
    enabled: reports,
    queryFn: () =>
      dataProvider.call<VelocityReport>('GET', '/reports/velocity', {
        query: { year, ownerId: me },
      }),
  });
  const lateStages = overSla.data?.stages.filter((stage) => stage.overSlaNow > 0) ?? [];
  const lateDeals = lateStages.reduce((sum, stage) => sum + stage.overSlaNow, 0);
  // The goals still running or ahead (a goal whose period is over stays in the targets report).
  const currentTargets = overview.data?.targets.filter((target) => target.periodEnd > today) ?? [];

  const open = board.data?.columns.filter((column) => column.kind === 'open') ?? [];
  const weighted = open.reduce(
    (sum, column) => sum + (Number(column.expectedInvestment) * column.probability) / 100,
    0,
  );
  const loading = board.isPending || overdue.isPending || visits.isPending;

  return (
    <>
      <Title title="crm.menu.dashboard" />
      <Typography variant="h5" component="h1" sx={{ my: 2 }}>
        {translate('crm.dashboard.greeting', { name: identity?.fullName ?? '' })}
      </Typography>
      {loading && me ? <LinearProgress aria-label={translate('ra.page.loading')} /> : null}
      {overview.data ? (
        <Card component="section" aria-labelledby="dashboard-figures" sx={{ mb: 2 }}>
          <CardContent>
            <Typography id="dashboard-figures" variant="h6" component="h2" sx={{ mb: 1 }}>
              {translate('crm.dashboard.parkFigures')}
            </Typography>
            <HeadlineFigures overview={overview.data} />
          </CardContent>
        </Card>
      ) : null}
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 6 }}>
          <Card component="section" aria-labelledby="dashboard-pipeline">
            <CardActionArea component={Link} to="/board">
              <CardContent>
                <Typography id="dashboard-pipeline" variant="h6" component="h2">
                  {translate(ownDeals ? 'crm.dashboard.myPipeline' : 'crm.dashboard.parkPipeline')}
                </Typography>
                <Typography color="text.secondary" sx={{ mb: 1 }}>
                  {translate('crm.dashboard.weighted', { amount: formatMoney(weighted, locale) })}
                </Typography>
                <List dense disablePadding>
                  {open.map((column) => (
                    <ListItem key={column.stageId} disableGutters disablePadding>
                      <ListItemText
                        primary={`${locale === 'en' ? column.nameEn : column.name} · ${column.count}`}
                        secondary={formatMoney(column.expectedInvestment, locale)}
                      />
                    </ListItem>
                  ))}
                </List>
              </CardContent>
            </CardActionArea>
          </Card>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Card component="section" aria-labelledby="dashboard-overdue" sx={{ mb: 2 }}>
            <CardContent>
              <Typography id="dashboard-overdue" variant="h6" component="h2">
                {translate('crm.dashboard.overdueTasks', { smart_count: overdue.data?.total ?? 0 })}
              </Typography>
              <List dense>
                {overdue.data?.data.map((task) => (
                  <ListItem key={task.id} disablePadding>
                    <ListItemButton component={Link} to="/my-tasks">
                      <ListItemText
                        primary={task.title}
                        secondary={translate('crm.dashboard.due', {
                          when: formatDateTime(task.dueAt, locale),
                        })}
                        slotProps={{ secondary: { color: 'error' } }}
                      />
                    </ListItemButton>
                  </ListItem>
                ))}
              </List>
              {overSla.data ? (
                <>
                  <Typography id="dashboard-over-sla" variant="subtitle1" component="h3">
                    {translate('crm.dashboard.overSla', { smart_count: lateDeals })}
                  </Typography>
                  <List dense aria-labelledby="dashboard-over-sla">
                    {lateStages.map((stage) => (
                      <ListItem key={stage.stageId} disablePadding>
                        <ListItemButton component={Link} to="/board">
                          <ListItemText
                            primary={`${stageName(stage, locale)} · ${stage.overSlaNow}`}
                            secondary={translate('crm.dashboard.slaDays', {
                              days: stage.slaDays ?? '—',
                            })}
                            slotProps={{ secondary: { color: 'error' } }}
                          />
                        </ListItemButton>
                      </ListItem>
                    ))}
                  </List>
                </>
              ) : null}
            </CardContent>
          </Card>
          <Card component="section" aria-labelledby="dashboard-visits">
            <CardContent>
              <Typography id="dashboard-visits" variant="h6" component="h2">
                {translate('crm.dashboard.todaysVisits', {
                  smart_count: visits.data?.data.length ?? 0,
                })}
              </Typography>
              <List dense>
                {visits.data?.data.map((visit) => (
                  <ListItem key={visit.id} disablePadding>
                    <ListItemButton component={Link} to={`/deals/${visit.dealId}/show`}>
                      <ListItemText
                        primary={`${formatDateTime(visit.startsAt, locale)} · ${visit.placeLabel ?? translate(`crm.enums.placeType.${visit.placeType}`)}`}
                        secondary={translate(`crm.enums.visitStatus.${visit.status}`)}
                      />
                    </ListItemButton>
                  </ListItem>
                ))}
              </List>
            </CardContent>
          </Card>
        </Grid>
        {overview.data ? (
          <Grid size={{ xs: 12, md: 6 }}>
            <Card component="section" aria-labelledby="dashboard-targets" sx={{ height: '100%' }}>
              <CardContent>
                <Typography id="dashboard-targets" variant="h6" component="h2">
                  {translate('crm.dashboard.targets')}
                </Typography>
                <TargetProgressList targets={currentTargets} />
                <Typography variant="body2" sx={{ mt: 1 }}>
                  <Link to="/reports/targets">{translate('crm.dashboard.allTargets')}</Link>
                </Typography>
              </CardContent>
            </Card>
          </Grid>
        ) : null}
        {funnel.data ? (
          <Grid size={{ xs: 12, md: 6 }}>
            <Card component="section" aria-labelledby="dashboard-funnel" sx={{ height: '100%' }}>
              <CardContent>
                <Typography id="dashboard-funnel" variant="h6" component="h2">
                  {translate('crm.dashboard.funnel', { year })}
                </Typography>
                <FunnelChart stages={funnel.data.stages} height={260} />
                <Typography variant="body2">
                  <Link to={`/reports/funnel?year=${year}`}>
                    {translate('crm.dashboard.openReport')}
                  </Link>
                </Typography>
              </CardContent>
            </Card>
          </Grid>
        ) : null}
        {forecast.data ? (
          <Grid size={{ xs: 12, md: 6 }}>
            <Card component="section" aria-labelledby="dashboard-forecast">
              <CardContent>
                <Typography id="dashboard-forecast" variant="h6" component="h2">
                  {translate('crm.dashboard.forecast')}
                </Typography>
                <ForecastChart report={forecast.data} height={260} />
                <Typography variant="body2">
                  <Link to={`/reports/forecast?from=${ahead.from}&to=${ahead.to}`}>
                    {translate('crm.dashboard.openReport')}
                  </Link>
                </Typography>
              </CardContent>
            </Card>
          </Grid>
        ) : null}
      </Grid>
    </>
  );
}
