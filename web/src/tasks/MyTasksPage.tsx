import { useEffect, useState } from 'react';
import {
  Box,
  Button,
  Card,
  Checkbox,
  Chip,
  List,
  ListItem,
  ListItemIcon,
  ListItemText,
  Stack,
  Typography,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import {
  Link,
  Title,
  useGetIdentity,
  useGetList,
  useGetMany,
  useLocaleState,
  useNotify,
  useRefresh,
  useTranslate,
  useUpdate,
} from 'react-admin';
import type { Company, Deal, Task } from '../api/types';
import { formatDateTime } from '../common/format';
import { dealLabel } from '../site-visits/useVisitLabels';
import { AddTaskDialog } from './AddTaskDialog';
import { overdueBy } from './overdue';

const unique = (ids: (string | null)[]) => [...new Set(ids.filter((id): id is string => !!id))];

/** How often the page re-reads the clock, so tasks turn overdue while it is open. */
const CLOCK_TICK_MS = 30_000;

/** The current time, refreshed every tick. */
function useNow() {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), CLOCK_TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** The deal or company a task is about, as a link. */
function TaskLink({ task, deals, companies }: { task: Task; deals: Deal[]; companies: Company[] }) {
  const deal = deals.find((d) => d.id === task.dealId);
  if (deal) return <Link to={`/deals/${deal.id}/show`}>{dealLabel(deal)}</Link>;
  const company = companies.find((c) => c.id === task.companyId);
  return company ? <Link to={`/companies/${company.id}/show`}>{company.name}</Link> : null;
}

function DueLabel({ task, now }: { task: Task; now: number }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const late = overdueBy(task.dueAt, now);
  const due = translate('crm.tasks.due', { time: formatDateTime(task.dueAt, locale) });
  if (!late) return <span>{due}</span>;
  return (
    <Box component="span" sx={{ color: 'error.main', fontWeight: 500 }}>
      {due} ·{' '}
      {translate('crm.tasks.overdueBy', {
        duration: translate(`crm.tasks.${late.unit}`, { smart_count: late.count }),
      })}
    </Box>
  );
}

function TaskRow({
  task,
  deals,
  companies,
  now,
}: {
  task: Task;
  deals: Deal[];
  companies: Company[];
  now: number;
}) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [update, { isPending }] = useUpdate();
  const late = !!overdueBy(task.dueAt, now);
  const checkOff = () =>
    update(
      'tasks',
      { id: task.id, data: { status: 'done' }, previousData: task },
      {
        mutationMode: 'pessimistic',
        onSuccess: () => {
          notify('crm.tasks.done', { type: 'success' });
          refresh();
        },
        onError: (error) =>
          notify(error instanceof Error ? error.message : 'crm.errors.INTERNAL_ERROR', {
            type: 'error',
          }),
      },
    );
  return (
    <ListItem
      divider
      sx={
        late
          ? { borderLeft: 4, borderLeftColor: 'error.main' }
          : { borderLeft: 4, borderLeftColor: 'transparent' }
      }
      secondaryAction={
        late ? <Chip size="small" color="error" label={translate('crm.tasks.overdue')} /> : null
      }
    >
      <ListItemIcon>
        <Checkbox
          edge="start"
          checked={false}
          disabled={isPending}
          onChange={() => void checkOff()}
          slotProps={{
            input: { 'aria-label': translate('crm.tasks.markDone', { title: task.title }) },
          }}
        />
      </ListItemIcon>
      <ListItemText
        primary={task.title}
        secondary={
          <Stack component="span" direction={{ xs: 'column', sm: 'row' }} spacing={2}>
            <DueLabel task={task} now={now} />
            <TaskLink task={task} deals={deals} companies={companies} />
          </Stack>
        }
      />
    </ListItem>
  );
}

/** The current user's open tasks: overdue ones first (in red), then by due time. */
export function MyTasksPage() {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const [adding, setAdding] = useState(false);
  const clock = useNow();
  const {
    data: listed = [],
    isPending,
    dataUpdatedAt,
  } = useGetList<Task>(
    'tasks',
    {
      filter: { assigneeId: identity?.id, status: 'open' },
      pagination: { page: 1, perPage: 200 },
      sort: { field: 'dueAt', order: 'ASC' },
    },
    { enabled: !!identity },
  );
  // A task checked off stays in the cached page until the list is read again.
  const tasks = listed.filter((task) => task.status === 'open');
  // The later of the clock's last tick and the list's last read, so fresh data is split afresh.
  const now = Math.max(clock, dataUpdatedAt);
  const overdue = tasks.filter((task) => new Date(task.dueAt).getTime() < now);
  const upcoming = tasks.filter((task) => new Date(task.dueAt).getTime() >= now);
  const dealIds = unique(tasks.map((task) => task.dealId));
  const companyIds = unique(tasks.filter((task) => !task.dealId).map((task) => task.companyId));
  const { data: deals = [] } = useGetMany<Deal>(
    'deals',
    { ids: dealIds },
    { enabled: dealIds.length > 0 },
  );
  const { data: companies = [] } = useGetMany<Company>(
    'companies',
    { ids: companyIds },
    { enabled: companyIds.length > 0 },
  );

  return (
    <Box sx={{ mt: 1 }}>
      <Title title="crm.tasks.title" />
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2 }}>
        <Typography variant="h5" component="h1" sx={{ flex: 1 }}>
          {translate('crm.tasks.title')}
        </Typography>
        <Button variant="contained" startIcon={<AddIcon />} onClick={() => setAdding(true)}>
          {translate('crm.tasks.add')}
        </Button>
      </Stack>
      <Card>
        {!isPending && tasks.length === 0 ? (
          <Typography sx={{ p: 2 }} color="text.secondary">
            {translate('crm.tasks.empty')}
          </Typography>
        ) : (
          <List aria-label={translate('crm.tasks.title')}>
            {[...overdue, ...upcoming].map((task) => (
              <TaskRow key={task.id} task={task} deals={deals} companies={companies} now={now} />
            ))}
          </List>
        )}
      </Card>
      {adding ? <AddTaskDialog onClose={() => setAdding(false)} /> : null}
    </Box>
  );
}
