import { useState } from 'react';
import {
  RecordContextProvider,
  Show,
  useDataProvider,
  useGetOne,
  useLocaleState,
  useNotify,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import {
  Alert,
  Box,
  Button,
  CardContent,
  Chip,
  LinearProgress,
  Link,
  Stack,
  Typography,
} from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { Link as RouterLink } from 'react-router-dom';
import type { CrmDataProvider } from '../api/dataProvider';
import { ApiError } from '../api/http';
import type { Deal } from '../api/types';
import { formatDate, formatDateTime } from '../common/format';
import { UserField } from '../common/users';
import { useStageName, useStages } from '../deals/pipeline';
import { isDueSoon, isOverdue, progressOf } from './progress';
import type { TaskStatus, Track, TrackTask } from './types';
import { useAllowed } from '../auth/useAllowed';

const TASK_STYLE: Record<TaskStatus, { bg: string; fg: string }> = {
  todo: { bg: '#ececec', fg: '#2b2b2b' },
  in_progress: { bg: '#e2ecfb', fg: '#0b3470' },
  done: { bg: '#e7f5ea', fg: '#12461f' },
  skipped: { bg: '#f3e8f7', fg: '#4a1a5c' },
};

/** The moves offered from each status (the API takes any; these are the sensible ones). */
function movesOf(task: TrackTask): { action: string; to: TaskStatus; primary?: boolean }[] {
  switch (task.status) {
    case 'todo':
      return [
        { action: 'start', to: 'in_progress' },
        { action: 'done', to: 'done', primary: true },
        ...(task.required ? [] : [{ action: 'skip', to: 'skipped' as const }]),
      ];
    case 'in_progress':
      return [
        { action: 'done', to: 'done', primary: true },
        { action: 'backToTodo', to: 'todo' },
      ];
    case 'done':
      return [{ action: 'reopen', to: 'in_progress' }];
    default:
      return [{ action: 'restore', to: 'todo' }];
  }
}

function TaskStatusChip({ status }: { status: TaskStatus }) {
  const translate = useTranslate();
  const style = TASK_STYLE[status];
  return (
    <Chip
      size="small"
      label={translate(`crm.onboarding.taskStatus.${status}`)}
      sx={{ bgcolor: style.bg, color: style.fg, fontWeight: 600, minWidth: 64 }}
    />
  );
}

function TaskRow({
  task,
  editable,
  busy,
  onMove,
}: {
  task: TrackTask;
  editable: boolean;
  busy: boolean;
  onMove: (task: TrackTask, to: TaskStatus) => void;
}) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const name = locale === 'en' ? task.nameEn : task.name;
  const overdue = isOverdue(task);
  const soon = isDueSoon(task);
  return (
    <Box
      component="li"
      data-task-code={task.code}
      data-status={task.status}
      sx={{
        display: 'flex',
        flexWrap: 'wrap',
        alignItems: 'center',
        gap: 1.5,
        py: 1.25,
        borderBottom: 1,
        borderColor: 'divider',
      }}
    >
      <TaskStatusChip status={task.status} />
      <Box sx={{ flex: '1 1 240px', minWidth: 0 }}>
        <Typography component="h4" variant="body1" sx={{ fontWeight: 500 }}>
          {name}
        </Typography>
        <Typography variant="body2" color="text.secondary" component="p">
          {task.dueDate
            ? translate('crm.onboarding.show.due', { date: formatDate(task.dueDate, locale) })
            : null}
          {overdue ? (
            <Box component="strong" sx={{ color: 'error.dark', ml: 1 }}>
              {translate('crm.onboarding.show.overdue')}
            </Box>
          ) : null}
          {soon ? (
            <Box component="strong" sx={{ color: '#5c3200', ml: 1 }}>
              {translate('crm.onboarding.show.dueSoon')}
            </Box>
          ) : null}
          {task.doneAt
            ? ` · ${translate('crm.onboarding.show.doneAt', { date: formatDateTime(task.doneAt, locale) })}`
            : null}
          {task.assigneeId ? (
            <>
              {' · '}
              {translate('crm.onboarding.show.assignee')}{' '}
              <RecordContextProvider value={task}>
                <UserField source="assigneeId" />
              </RecordContextProvider>
            </>
          ) : null}
        </Typography>
        {task.code === 'compute_account' && task.status === 'todo' ? (
          <Typography variant="caption" color="text.secondary" component="p">
            {translate('crm.onboarding.show.computeHint')}
          </Typography>
        ) : null}
      </Box>
      {editable ? (
        <Stack direction="row" spacing={1}>
          {movesOf(task).map((move) => {
            const label = translate(`crm.onboarding.action.${move.action}`);
            return (
              <Button
                key={move.action}
                size="small"
                variant={move.primary ? 'contained' : 'outlined'}
                disabled={busy}
                onClick={() => onMove(task, move.to)}
                aria-label={translate('crm.onboarding.action.of', { action: label, task: name })}
              >
                {label}
              </Button>
            );
          })}
        </Stack>
      ) : null}
    </Box>
  );
}

function TaskGroup({
  title,
  tasks,
  ...row
}: {
  title: string;
  tasks: TrackTask[];
  editable: boolean;
  busy: boolean;
  onMove: (task: TrackTask, to: TaskStatus) => void;
}) {
  const translate = useTranslate();
  if (tasks.length === 0) return null;
  const done = tasks.filter((t) => t.status === 'done').length;
  return (
    <Box component="section" sx={{ mb: 3 }} aria-label={translate(title)}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        {translate(title)} · {done}/{tasks.length}
      </Typography>
      <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }}>
        {tasks.map((task) => (
          <TaskRow key={task.id} task={task} {...row} />
        ))}
      </Box>
    </Box>
  );
}

function CompletionBanner({ track, deal }: { track: Track; deal: Deal | undefined }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { data: stages } = useStages(deal?.pipelineId);
  const stageName = useStageName();
  const stage = stages?.find((s) => s.id === deal?.stageId);
  const date = formatDate(track.completedAt ?? undefined, locale);
  return (
    <Alert severity="success" sx={{ mb: 2 }} role="status">
      {stage
        ? translate('crm.onboarding.show.complete', { date, stage: stageName(stage) })
        : translate('crm.onboarding.show.completeNoStage', { date })}
    </Alert>
  );
}

function TrackShowLayout() {
  const record = useRecordContext<Track>();
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<CrmDataProvider>();
  const queryClient = useQueryClient();
  const [locale] = useLocaleState();
  const [busy, setBusy] = useState(false);
  // The PATCH answers with the whole track: shown at once, before the list is read again.
  const [latest, setLatest] = useState<Track | null>(null);
  const track =
    latest && latest.id === record?.id && latest.version >= (record?.version ?? 0)
      ? latest
      : record;
  const { data: deal } = useGetOne<Deal>(
    'deals',
    { id: track?.dealId ?? '' },
    { enabled: !!track },
  );
  const canAccess = useAllowed(
    'update',
    'onboarding-tracks',
    { dealOwnerId: track?.dealOwnerId },
    !!track,
  );
  if (!track) return null;
  const { done, total, percent } = progressOf(track);
  const completed = track.status === 'completed';
  const editable = !!canAccess && !completed && !deal?.closedAt;
  const move = async (task: TrackTask, to: TaskStatus) => {
    setBusy(true);
    try {
      const updated = await dataProvider.call<Track>(
        'PATCH',
        `/onboarding-tracks/${track.id}/tasks/${task.id}`,
        { body: { status: to }, version: task.version },
      );
      setLatest(updated);
      await Promise.all(
        [['onboarding-tracks'], ['deals'], ['companies'], ['spaces']].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      );
      notify('crm.onboarding.show.updated', {
        type: 'success',
        messageArgs: {
          task: locale === 'en' ? task.nameEn : task.name,
          status: translate(`crm.onboarding.taskStatus.${to}`),
        },
      });
    } catch (error) {
      if (error instanceof ApiError && error.status === 412)
        await queryClient.invalidateQueries({ queryKey: ['onboarding-tracks'] });
      notify(error instanceof Error ? error.message : 'crm.errors.INTERNAL_ERROR', {
        type: 'error',
      });
    } finally {
      setBusy(false);
    }
  };
  const row = { editable, busy, onMove: (task: TrackTask, to: TaskStatus) => void move(task, to) };
  return (
    <CardContent>
      <Typography variant="h5" component="h1">
        {translate('crm.onboarding.show.title', { company: track.companyName })}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {translate('crm.onboarding.show.deal')}{' '}
        <Link component={RouterLink} to={`/deals/${track.dealId}/show`}>
          {track.dealTitle}
        </Link>
        {' · '}
        <Link component={RouterLink} to={`/companies/${track.companyId}/show`}>
          {track.companyName}
        </Link>
        {track.templateName
          ? ` · ${translate('crm.onboarding.show.template')} ${track.templateName}`
          : ''}
        {' · '}
        {translate(`crm.onboarding.trackStatus.${track.status}`)}
      </Typography>
      {completed ? <CompletionBanner track={track} deal={deal} /> : null}
      {!completed && deal?.closedAt ? (
        <Alert severity="info" sx={{ mb: 2 }}>
          {translate('crm.onboarding.show.closed')}
        </Alert>
      ) : null}
      {!completed && !canAccess ? (
        <Alert severity="info" sx={{ mb: 2 }}>
          {translate('crm.onboarding.show.noPermission')}
        </Alert>
      ) : null}
      <Box sx={{ mb: 3 }}>
        <Typography
          variant="body1"
          component="p"
          id="onboarding-progress-text"
          data-percent={percent}
        >
          {translate('crm.onboarding.show.progress', { done, total, percent })}
        </Typography>
        <LinearProgress
          variant="determinate"
          value={percent}
          color={completed ? 'success' : 'primary'}
          aria-label={translate('crm.onboarding.show.progressLabel')}
          aria-describedby="onboarding-progress-text"
          sx={{ height: 10, borderRadius: 1, maxWidth: 560 }}
        />
      </Box>
      <Typography variant="h6" component="h2" gutterBottom>
        {translate('crm.onboarding.show.checklist')}
      </Typography>
      <TaskGroup
        title="crm.onboarding.show.required"
        tasks={track.tasks.filter((t) => t.required)}
        {...row}
      />
      <TaskGroup
        title="crm.onboarding.show.optional"
        tasks={track.tasks.filter((t) => !t.required)}
        {...row}
      />
    </CardContent>
  );
}

/** One firm's onboarding checklist: tick its tasks; the last required one makes it a tenant. */
export function TrackShow() {
  return (
    <Show actions={false}>
      <TrackShowLayout />
    </Show>
  );
}
