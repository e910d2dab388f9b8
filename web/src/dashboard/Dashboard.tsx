import {
  Card,
  CardActionArea,
  CardContent,
  Grid,
  LinearProgress,
  List,
  ListItemButton,
  ListItemText,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Title, useDataProvider, useGetIdentity, useLocaleState, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import type { CrmDataProvider } from '../api/dataProvider';
import type { Board, SiteVisit, Task } from '../api/types';
import { beijingDay, beijingInstant, formatDateTime, formatMoney } from '../common/format';

interface Page<T> {
  data: T[];
  total?: number;
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
                    <ListItemText
                      key={column.stageId}
                      primary={`${locale === 'en' ? column.nameEn : column.name} · ${column.count}`}
                      secondary={formatMoney(column.expectedInvestment, locale)}
                    />
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
                  <ListItemButton key={task.id} component={Link} to="/my-tasks">
                    <ListItemText
                      primary={task.title}
                      secondary={translate('crm.dashboard.due', {
                        when: formatDateTime(task.dueAt, locale),
                      })}
                      slotProps={{ secondary: { color: 'error' } }}
                    />
                  </ListItemButton>
                ))}
              </List>
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
                  <ListItemButton
                    key={visit.id}
                    component={Link}
                    to={`/deals/${visit.dealId}/show`}
                  >
                    <ListItemText
                      primary={`${formatDateTime(visit.startsAt, locale)} · ${visit.placeLabel ?? translate(`crm.enums.placeType.${visit.placeType}`)}`}
                      secondary={translate(`crm.enums.visitStatus.${visit.status}`)}
                    />
                  </ListItemButton>
                ))}
              </List>
            </CardContent>
          </Card>
        </Grid>
      </Grid>
    </>
  );
}
