import {
  Link,
  RecordContextProvider,
  useInfiniteGetList,
  useLocaleState,
  useTranslate,
} from 'react-admin';
import {
  Alert,
  Box,
  Button,
  Chip,
  CircularProgress,
  List,
  ListItem,
  Stack,
  Typography,
} from '@mui/material';
import { formatDateTime } from './format';
import { UserField } from './users';
import type { Schemas } from '../api/types';

export type TimelineEntityType = 'company' | 'deal' | 'lead';

/** One entry of `GET /timeline/{type}/{id}`: activity, stage_move, audit, site_visit, … */
type TimelineEntry = Schemas['TimelineItemDto'];

const RESOURCE_OF: Record<TimelineEntityType, string> = {
  company: 'companies',
  deal: 'deals',
  lead: 'leads',
};

const KIND_COLOURS: Record<string, 'primary' | 'secondary' | 'info' | 'success' | 'default'> = {
  activity: 'primary',
  stage_move: 'success',
  site_visit: 'info',
  audit: 'default',
};

const PAGE_SIZE = 20;

/**
 * Audit actions whose reason a person typed; on the others (merges, automatic owner and status
 * changes) the server writes a technical note for itself.
 */
const PERSON_REASONS = new Set(['delete', 'assign']);

/** Who acted, by the user id field each kind of entry carries. */
const ACTOR_FIELD: Record<string, string> = {
  activity: 'authorId',
  stage_move: 'movedById',
  audit: 'actorId',
};

function useSummary(entityType: TimelineEntityType) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const fieldLabel = (field: string) =>
    translate(`resources.${RESOURCE_OF[entityType]}.fields.${field}`, { _: field });

  return ({ kind, data }: TimelineEntry): { title: string; detail?: string } => {
    switch (kind) {
      case 'activity':
        return {
          title: translate('crm.timeline.summary.activity', {
            type: translate(`crm.enums.activityType.${text(data.type)}`, { _: text(data.type) }),
            subject: text(data.subject),
          }),
          detail: text(data.body) || undefined,
        };
      case 'stage_move': {
        const to = (locale === 'en' && text(data.toStageEn)) || text(data.toStage);
        return {
          title: data.fromStage
            ? translate('crm.timeline.summary.stageMove', { from: text(data.fromStage), to })
            : translate('crm.timeline.summary.stageEnter', { to }),
        };
      }
      case 'site_visit':
        return {
          title: translate('crm.timeline.summary.siteVisit', {
            place:
              text(data.placeLabel) ||
              translate(`crm.enums.placeType.${text(data.placeType)}`, { _: '' }),
            status: translate(`crm.enums.visitStatus.${text(data.status)}`, {
              _: text(data.status),
            }),
          }),
          detail: [data.interest, data.nextStep].filter(Boolean).map(text).join(' · ') || undefined,
        };
      case 'audit': {
        const fields = Object.keys((data.changes as Record<string, unknown> | null) ?? {});
        const action = translate(`crm.timeline.actions.${text(data.action)}`, {
          _: text(data.action),
        });
        return {
          title:
            text(data.action) === 'update' && fields.length > 0
              ? translate('crm.timeline.summary.updated', {
                  fields: fields.map(fieldLabel).join(locale === 'en' ? ', ' : '、'),
                })
              : action,
          detail:
            data.reason && PERSON_REASONS.has(text(data.action))
              ? translate('crm.timeline.summary.reason', { reason: text(data.reason) })
              : undefined,
        };
      }
      default:
        return { title: translate('crm.timeline.kinds.other') };
    }
  };
}

function TimelineItem({
  entry,
  entityType,
}: {
  entry: TimelineEntry;
  entityType: TimelineEntityType;
}) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const summary = useSummary(entityType)(entry);
  const actorField = ACTOR_FIELD[entry.kind];
  const dealId = entityType !== 'deal' ? entry.data.dealId : undefined;
  return (
    <ListItem divider sx={{ display: 'block', py: 1.5 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Chip
          size="small"
          color={KIND_COLOURS[entry.kind] ?? 'default'}
          label={translate(`crm.timeline.kinds.${entry.kind}`, {
            _: translate('crm.timeline.kinds.other'),
          })}
        />
        <Typography variant="body2" color="text.secondary" component="span">
          {formatDateTime(entry.at, locale)}
        </Typography>
        {actorField && entry.data[actorField] ? (
          <RecordContextProvider value={{ id: entry.id, ...entry.data }}>
            <Typography variant="body2" color="text.secondary" component="span">
              · <UserField source={actorField} />
            </Typography>
          </RecordContextProvider>
        ) : null}
        {typeof dealId === 'string' ? (
          <Link to={`/deals/${dealId}/show`} variant="body2">
            {translate('crm.timeline.openDeal')}
          </Link>
        ) : null}
      </Stack>
      <Typography variant="body1" sx={{ mt: 0.5 }}>
        {summary.title}
      </Typography>
      {summary.detail ? (
        <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'pre-line' }}>
          {summary.detail}
        </Typography>
      ) : null}
    </ListItem>
  );
}

/**
 * Everything that happened to a company, deal or lead, newest first: activities, stage moves,
 * site visits and audited changes, a page at a time.
 */
export function Timeline({ entityType, id }: { entityType: TimelineEntityType; id: string }) {
  const translate = useTranslate();
  // The data provider pages any keyset list by its path, so the timeline reads as a "resource".
  const { data, error, isPending, hasNextPage, fetchNextPage, isFetchingNextPage } =
    useInfiniteGetList<TimelineEntry & { id: string }>(`timeline/${entityType}/${id}`, {
      pagination: { page: 1, perPage: PAGE_SIZE },
    });

  if (isPending)
    return (
      <Box sx={{ p: 2 }}>
        <CircularProgress size={24} aria-label={translate('ra.page.loading')} />
      </Box>
    );
  if (error)
    return <Alert severity="error">{translate(error.message, { _: error.message })}</Alert>;

  const entries = data?.pages.flatMap((page) => page.data) ?? [];
  if (entries.length === 0)
    return (
      <Typography variant="body2" color="text.secondary" sx={{ p: 2 }}>
        {translate('crm.timeline.empty')}
      </Typography>
    );
  return (
    <Box>
      <List aria-label={translate('crm.timeline.title')} disablePadding>
        {entries.map((entry) => (
          <TimelineItem key={entry.id} entry={entry} entityType={entityType} />
        ))}
      </List>
      {hasNextPage ? (
        <Button onClick={() => void fetchNextPage()} disabled={isFetchingNextPage} sx={{ mt: 1 }}>
          {translate('crm.common.loadMore')}
        </Button>
      ) : null}
    </Box>
  );
}
